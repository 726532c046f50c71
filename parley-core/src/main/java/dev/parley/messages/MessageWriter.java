package dev.parley.messages;

import dev.parley.analytics.Increment;
import dev.parley.analytics.MessagingMetrics;
import dev.parley.analytics.Rollups;
import dev.parley.retention.RetainedCollection;
import dev.parley.retention.RetentionPolicies;
import dev.parley.search.SearchIndex;
import dev.parley.store.GroupCommit;
import dev.parley.store.Keys;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import dev.parley.store.ScopedCollection.VersionedChange;
import dev.parley.store.StoreUnavailableException;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.meters.ParleyMeters;
import dev.parley.store.Companion;
import dev.parley.store.HeapSize;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The one batched write path for messages and their statuses. Concurrent callers' bodies and
 * status events are gathered (group commit); for each batch the current documents are read by
 * key, the new state is computed ({@link MessageState}), and written under optimistic
 * concurrency ({@code rev}); a write that lost a race to another process is recomputed from what
 * that process wrote and tried again. No transactions, nothing lost, nothing regressed.
 */
public final class MessageWriter implements AutoCloseable {

    static final String MESSAGES = "messages";
    static final String PAGES = "conversation_pages";
    static final int PAGE_SIZE = 200;
    private static final int MAX_ATTEMPTS = 50;
    private static final long MAX_BACKOFF_MICROS = 20_000;

    /** What one caller submits: one tenant's changes to one or more messages. */
    record Batch(String tenant, List<Change> changes) {
    }

    /** A body to log and/or status events, for one message. */
    record Change(String messageId, Document body, List<StatusEvent> events) {
    }

    /**
     * Messages this writer wrote last, as written (with their {@code rev}): the next status of a
     * message (delivered after sent, read after delivered) usually follows within seconds, and
     * needs no read then. Safe with other writers because every write is conditional on
     * {@code rev}: a stale entry makes the write miss, and the round is repeated from fresh reads.
     * Bounded by heap, not by count: an import of messages with kilobytes of metadata each ran a
     * 512 MB heap into back-to-back full GCs with 50,000 of them. An eighth of the heap, at most
     * 64 MB (about 40,000 typical messages; 20,000 with the server's default 256 MB heap).
     */
    static final long RECENT_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);

    private final MongoStore store;
    private final Rollups rollups;
    private final RetentionPolicies retention;
    private final SearchIndex search;
    private final Function<String, HistoryPositions> conversations;
    private final GroupCommit<Batch> commits;
    private final Cache<String, Document> recent =
            Caffeine.newBuilder().maximumWeight(RECENT_BYTES)
                    .weigher((String key, Document doc) -> (int) Math.min(RECENT_BYTES, HeapSize.of(doc)))
                    .recordStats().build();

    /** @param conversations a tenant's conversations, where each message gets its history position */
    public MessageWriter(MongoStore store, Rollups rollups, RetentionPolicies retention, SearchIndex search,
                         Function<String, HistoryPositions> conversations) {
        this.store = store;
        this.conversations = conversations;
        this.rollups = rollups;
        this.retention = retention;
        this.search = search;
        CaffeineCacheMetrics.monitor(Metrics.globalRegistry,
                recent, "parley.recent_messages"); // hits: status updates that needed no read
        this.commits = store.groupCommit("message-writer", this::write, batch -> batch.changes.size(), 2_000);
    }

    void submit(String tenant, List<Change> changes) {
        submit(tenant, changes, null);
    }

    /** Writes {@code changes} and {@code companion} (may be null) in one batch; returns once both are durable. */
    void submit(String tenant, List<Change> changes, Companion companion) {
        if (!changes.isEmpty()) {
            commits.submit(new Batch(tenant, changes), companion);
        }
    }

    /**
     * Writes many callers' batches together (one round of the group commit for all of them);
     * returns each one's failure, null where it was written and is durable.
     */
    List<RuntimeException> submitAll(List<Batch> batches, List<Companion> companions) {
        return commits.submitAll(batches, companions);
    }

    /**
     * Returns once every batch submitted before the call is written. A write looks up the
     * retention policy while it is written (for {@code expire_at}), so after a policy change and
     * this call, no write computed under the old policy is still to land: batches are written one
     * at a time (except with PARLEY_GROUP_COMMIT=false, the benchmarks' baseline).
     */
    void awaitEarlierWrites() {
        commits.submit(new Batch(null, List.of()), null); // nothing to write: answered with the next flush
    }

    private void write(List<GroupCommit.Request<Batch>> requests) {
        // one tenant's failure fails only its own requests; the others' writes stand
        GroupCommit.perGroup(requests.stream().filter(r -> !r.value().changes.isEmpty()).toList(), Batch::tenant, this::writeTenant);
    }

    private void writeTenant(String tenant, List<GroupCommit.Request<Batch>> requests) {
        Map<String, List<Change>> byMessage = new LinkedHashMap<>();
        for (GroupCommit.Request<Batch> request : requests) {
            for (Change change : request.value().changes) {
                byMessage.computeIfAbsent(change.messageId, id -> new ArrayList<>()).add(change);
            }
        }
        TenantWrite write = new TenantWrite(tenant, store.scoped(tenant, MESSAGES), store.scoped(tenant, PAGES),
                conversations.apply(tenant), recent, rollups, retention, search);
        for (int attempt = 1; ; attempt++) {
            if (write.apply(byMessage, Instant.now())) {
                return;
            }
            byMessage.keySet().forEach(id -> recent.invalidate(Keys.of(tenant, id))); // some were stale: read them
            if (attempt == MAX_ATTEMPTS) {
                throw new StoreUnavailableException("message writes kept losing races after " + MAX_ATTEMPTS + " attempts", null);
            }
            backOff(attempt);
        }
    }

    /**
     * Two processes writing the same messages in lockstep can keep beating each other; a random,
     * growing pause lets one of them through.
     */
    private static void backOff(int attempt) {
        long bound = Math.min(MAX_BACKOFF_MICROS, 250L << Math.min(attempt, 10));
        LockSupport.parkNanos(
                ThreadLocalRandom.current().nextLong(bound) * 1_000);
    }

    /** One tenant's share of a batch. */
    private record TenantWrite(String tenant, ScopedCollection messages, ScopedCollection pages,
                               HistoryPositions conversations,
                               Cache<String, Document> recent, Rollups rollups,
                               RetentionPolicies retention, SearchIndex search) {

        /** One read-compute-write round; false when some write lost a race and the round must be repeated. */
        boolean apply(Map<String, List<Change>> byMessage, Instant now) {
            Map<String, Document> current = new LinkedHashMap<>();
            List<String> toRead = new ArrayList<>();
            for (String id : byMessage.keySet()) {
                Document known = recent.getIfPresent(Keys.of(tenant, id));
                if (known != null) {
                    current.put(id, known);
                } else {
                    toRead.add(id);
                }
            }
            if (!toRead.isEmpty()) {
                for (Document doc : messages.getAll(toRead)) {
                    current.put(doc.getString("message_id"), doc);
                }
            }
            List<VersionedChange> changes = new ArrayList<>();
            List<Document> needHistory = new ArrayList<>();
            List<String> scannedOnly = new ArrayList<>();
            for (Map.Entry<String, List<Change>> entry : byMessage.entrySet()) {
                Document doc = current.get(entry.getKey());
                List<Document> bodies = new ArrayList<>();
                List<StatusEvent> events = new ArrayList<>();
                for (Change change : entry.getValue()) {
                    if (change.body != null) {
                        bodies.add(change.body);
                    }
                    events.addAll(change.events);
                }
                MessageState.Outcome outcome = MessageState.apply(doc, bodies, events, now);
                if (outcome.unchanged()) {
                    if (outcome.scanned()) {
                        scannedOnly.add(entry.getKey());
                    }
                    continue;
                }
                Document fields = outcome.fields();
                if (fields.get("history_seq") == null && fields.get("conversation_id") != null) {
                    needHistory.add(fields.append("message_id", entry.getKey()));
                }
                stampExpiry(fields);
                long rev = doc == null ? 0 : ((Number) doc.get("rev", 0)).longValue();
                changes.add(new VersionedChange(entry.getKey(), rev, fields));
            }
            placeInHistory(needHistory);
            Map<String, Document> texts = new LinkedHashMap<>();
            changes.forEach(change -> texts.put(change.localId(), change.fields()));
            MessageText.index(search, tenant, current, texts, now);
            for (String id : scannedOnly) {
                // bumps rev: a concurrent versioned write (a whole-document replacement) must not drop it
                messages.updateByKey(id, new Document("$max", new Document("last_scanned_at", Date.from(now)))
                        .append("$inc", new Document("rev", 1L)), false);
            }
            if (!messages.writeVersioned("message_id", changes)) {
                return false;
            }
            for (String id : scannedOnly) {
                recent.invalidate(Keys.of(tenant, id)); // its rev moved on
            }
            List<Increment> increments = new ArrayList<>();
            for (VersionedChange change : changes) {
                increments.addAll(MessagingMetrics.of(current.get(change.localId()), change.fields()));
                Document before = current.get(change.localId());
                Object status = change.fields().get("status");
                if (status != null && (before == null || !status.equals(before.get("status")))) {
                    ParleyMeters.statusTransition(status.toString());
                }
                recent.put(Keys.of(tenant, change.localId()), new Document(change.fields())
                        .append("message_id", change.localId()).append("rev", change.rev() + 1));
            }
            // counted once the write stood; written within a second (Rollups)
            rollups.addMessageCounts(tenant, increments);
            return true;
        }

        /**
         * {@code expire_at} for real MongoDB's TTL index, from the tenant's policy and the time the
         * message counts from ({@code stored_at}, see {@link MessageRetention}); none under a legal hold.
         */
        private void stampExpiry(Document fields) {
            Date from = MessageRetention.retainedFrom(fields);
            Date expiry = from == null ? null
                    : retention.expiry(tenant, RetainedCollection.MESSAGES, from.toInstant(), fields.getString("conversation_id"));
            if (expiry == null) {
                fields.remove("expire_at");
            } else {
                fields.put("expire_at", expiry);
            }
        }

        /**
         * Gives each message that just learned its conversation a position in that conversation's
         * history and lists it on the page holding that position. A position whose message write
         * then loses a race is simply skipped by readers (they check {@code history_seq}).
         */
        private void placeInHistory(List<Document> messagesToPlace) {
            Map<String, List<Document>> byConversation = new LinkedHashMap<>();
            for (Document message : messagesToPlace) {
                byConversation.computeIfAbsent(message.getString("conversation_id"), c -> new ArrayList<>()).add(message);
            }
            if (byConversation.isEmpty()) {
                return;
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            Map<String, Document> stubs = new LinkedHashMap<>();
            byConversation.forEach((conversation, members) -> {
                counts.put(conversation, members.size());
                stubs.put(conversation, stub(members.get(0)));
            });
            Map<String, Long> firsts = conversations.reserveHistory(counts, stubs); // every conversation of the batch at once
            Map<String, Document> pushes = new LinkedHashMap<>();
            for (Map.Entry<String, List<Document>> conversation : byConversation.entrySet()) {
                List<Document> members = conversation.getValue();
                long first = firsts.get(conversation.getKey());
                Map<Long, List<Document>> byPage = new LinkedHashMap<>();
                for (int i = 0; i < members.size(); i++) {
                    long seq = first + i;
                    Document message = members.get(i);
                    message.put("history_seq", seq);
                    byPage.computeIfAbsent(page(seq), p -> new ArrayList<>()).add(new Document("m", message.getString("message_id"))
                            .append("s", seq).append("t", message.get("created_at")));
                }
                byPage.forEach((page, entries) -> pushes.put(pageId(conversation.getKey(), page),
                        new Document("$push", new Document("entries", new Document("$each", entries)))
                                .append("$setOnInsert", new Document("conversation_id", conversation.getKey()).append("page", page))));
                CreatedAtOrder.recordRanges(pushes, conversation.getKey(), byPage); // same round trip
            }
            pages.updateByKeys(pushes, true); // every page of the batch in one round trip
        }

        /** What a conversation created by its first message knows about itself. */
        private static Document stub(Document message) {
            Document stub = new Document("started_at", message.get("created_at"));
            boolean whatsapp = message.get("contact_wa_id") != null || message.get("phone_number_id") != null
                    || String.valueOf(message.get("message_id")).startsWith("wamid.");
            stub.put("channel", message.get("channel") != null ? message.get("channel") : whatsapp ? "whatsapp" : "chat");
            for (String field : List.of("contact_wa_id", "phone_number_id")) {
                if (message.get(field) != null) {
                    stub.put(field, message.get(field));
                }
            }
            return stub;
        }
    }

    static long page(long seq) {
        return (seq - 1) / PAGE_SIZE;
    }

    static String pageId(String conversationId, long page) {
        return conversationId + "|" + page;
    }

    /** A deleted message must not be remembered as written. */
    void forget(String tenant, String messageId) {
        recent.invalidate(Keys.of(tenant, messageId));
    }

    /**
     * Forgets messages that are about to be deleted (as stored): out of the search index, and out
     * of this writer's memory of what it wrote last.
     */
    void forgetDeleted(String tenant, List<Document> stored) {
        MessageText.forget(search, tenant, stored, Instant.now());
        stored.forEach(message -> forget(tenant, message.getString("message_id")));
    }

    MongoStore store() {
        return store;
    }

    SearchIndex search() {
        return search;
    }

    /** {@code tenant}'s conversations, as the root built them. */
    HistoryPositions conversations(String tenant) {
        return conversations.apply(tenant);
    }

    @Override
    public void close() {
        commits.close();
    }
}
