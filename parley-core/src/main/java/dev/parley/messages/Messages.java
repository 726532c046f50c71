package dev.parley.messages;

import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.search.IndexSearch;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchQuery;
import dev.parley.store.IndexSpec;
import dev.parley.store.ScopedCollection;
import dev.parley.store.TenantCollections;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import dev.parley.audit.SystemAudit;
import dev.parley.store.Batches;
import dev.parley.store.Companion;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.ObjIntConsumer;

/**
 * A tenant's messages and their delivery statuses: seed 000's {@code log_message},
 * {@code update_message_status} and {@code get_conversation_history}, seed 004's Message and
 * seed 002's status document, in one model.
 */
public final class Messages {

    public static final int MAX_BATCH = 1_000;
    public static final int MAX_LIMIT = 1_000;
    public static final int MAX_SEARCH_LIMIT = 100;
    private static final Set<String> GROUPABLE = Set.of("conversation_id", "status");

    private final String tenant;
    private final ScopedCollection messages;
    private final MessageWriter writer;
    private final ConversationHistory history;
    private final SystemAudit audit;
    private final ContactLinker contacts;

    Messages(String tenant, ScopedCollection messages, ScopedCollection pages, HistoryPositions conversations,
             MessageWriter writer, SystemAudit audit, ContactLinker contacts) {
        this.audit = audit;
        this.contacts = contacts;
        this.tenant = tenant;
        this.messages = messages;
        this.writer = writer;
        this.history = new ConversationHistory(messages, pages, conversations);
    }

    /** The messages of {@code tenant}, written through the process-wide {@code writer}. */
    public static Messages of(TenantCollections tenant, MessageWriter writer, SystemAudit audit) {
        return of(tenant, writer, audit, ContactLinker.NONE);
    }

    /** With the contacts feature's linker: every message and status written links its person first. */
    public static Messages of(TenantCollections tenant, MessageWriter writer, SystemAudit audit,
                              ContactLinker contacts) {
        return new Messages(tenant.tenant(), tenant.open(MessageWriter.MESSAGES), tenant.open(MessageWriter.PAGES),
                writer.conversations(tenant.tenant()), writer, audit, contacts);
    }

    public static List<IndexSpec> indexes() {
        String m = MessageWriter.MESSAGES;
        return List.of(
                IndexSpec.on(m, "organization_id_conversation_id_created_at", "conversation_id", "created_at"),
                IndexSpec.on(m, "organization_id_created_at", "created_at"),
                IndexSpec.on(m, "organization_id_stored_at", "stored_at"), // retention's range on real MongoDB
                IndexSpec.on(m, "organization_id_conversation_id_latest_timestamp", "conversation_id", "-latest_timestamp"),
                IndexSpec.on(m, "organization_id_status_latest_timestamp", "status", "-latest_timestamp"),
                IndexSpec.on(m, "organization_id_last_updated_at", "last_updated_at"),
                IndexSpec.on(m, "organization_id_conversation_id_status", "conversation_id", "status"), // seed 002's counts
                IndexSpec.on(m, "organization_id_conversation_id_sender_type_created_at", "conversation_id", "sender_type", "created_at"),
                IndexSpec.on(m, "organization_id_conversation_id_message_type", "conversation_id", "message_type"),
                IndexSpec.on(m, "organization_id_sender_type", "sender_type"),
                IndexSpec.on(m, "organization_id_message_type", "message_type"),
                IndexSpec.on(m, "organization_id_ai_model_created_at", "ai_metadata.model", "created_at"));
    }

    /** Logs one message (idempotent on {@code message_id}); returns its id. */
    public String log(Document message) {
        return logAll(List.of(message)).get(0);
    }

    /** Seed 000's {@code log_message(conversation_id, sender_id, receiver_id, message_content, message_type, status)}. */
    public String log(String conversationId, String senderId, String receiverId, String content, String messageType,
                      String status) {
        Document message = new Document("conversation_id", conversationId).append("sender_id", senderId)
                .append("receiver_id", receiverId).append("content", content)
                .append("message_type", messageType == null ? "text" : messageType);
        if (status != null) {
            message.append("status", status);
        }
        return log(message);
    }

    /** Logs up to 1000 messages in one durable batch; all are checked before any is written. */
    public List<String> logAll(List<Document> batch) {
        checkBatch("messages", batch.size());
        List<MessageWriter.Change> changes = new ArrayList<>(batch.size());
        List<String> ids = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            MessageFields.Parsed parsed = MessageFields.parse(batch.get(i), tenant, batch.size() == 1 ? null : "messages[" + i + "]");
            String id = parsed.body().getString("message_id");
            ids.add(id);
            changes.add(new MessageWriter.Change(id, parsed.body(), parsed.status() == null ? List.of() : List.of(parsed.status())));
        }
        link(changes);
        writer.submit(tenant, changes);
        return ids;
    }

    /**
     * Logs the messages of {@code batch} (any size) that validate, a thousand per durable write:
     * a refused one is taken out and the rest sent again, so it is never a reason to refuse the
     * others. Each refused one is reported with its index in {@code batch} and the reason, its
     * field named as in a single message. Returns how many were logged.
     */
    public int logValid(List<Document> batch, ObjIntConsumer<InvalidInputException> refused) {
        int logged = 0;
        for (int from = 0; from < batch.size(); from += MAX_BATCH) {
            List<Integer> positions = new ArrayList<>();
            for (int i = from; i < Math.min(batch.size(), from + MAX_BATCH); i++) {
                positions.add(i);
            }
            while (!positions.isEmpty()) {
                try {
                    logAll(positions.stream().map(batch::get).toList());
                    logged += positions.size();
                    break;
                } catch (InvalidInputException e) {
                    int at = refusedIndex(e.field());
                    refused.accept(new InvalidInputException(singleField(e.field()), e.reason()), positions.remove(at));
                }
            }
        }
        return logged;
    }

    /** Which message of a batch {@code messages[i].field} names (a batch of one names none: 0). */
    private static int refusedIndex(String field) {
        return field != null && field.startsWith("messages[") ? Integer.parseInt(field.substring(9, field.indexOf(']'))) : 0;
    }

    private static String singleField(String field) {
        return field != null && field.startsWith("messages[") ? field.substring(field.indexOf("].") + 2) : field;
    }

    /**
     * What one delivery brings this tenant, checked and ready to write in one batch: the messages
     * that validated and the status events.
     */
    public static final class Prepared {

        private final List<MessageWriter.Change> changes;
        private final int messages;

        private Prepared(List<MessageWriter.Change> changes, int messages) {
            this.changes = changes;
            this.messages = messages;
        }

        public int messages() {
            return messages;
        }

        public int statuses() {
            return changes.size() - messages;
        }
    }

    /**
     * Checks a delivery's messages (any number; one that does not validate is left out and reported
     * with its index and reason, as {@link #logValid} does) and status events, for {@link #write}.
     */
    public Prepared prepare(List<Document> batch, List<StatusEvent> events,
                            ObjIntConsumer<InvalidInputException> refused) {
        List<MessageWriter.Change> changes = new ArrayList<>(batch.size() + events.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                MessageFields.Parsed parsed = MessageFields.parse(batch.get(i), tenant, null);
                changes.add(new MessageWriter.Change(parsed.body().getString("message_id"), parsed.body(),
                        parsed.status() == null ? List.of() : List.of(parsed.status())));
            } catch (InvalidInputException e) {
                refused.accept(e, i);
            }
        }
        int messages = changes.size();
        for (StatusEvent event : events) {
            changes.add(statusChange(event));
        }
        return new Prepared(changes, messages);
    }

    /**
     * Writes what {@link #prepare} checked, a thousand changes per batch, with {@code companion}
     * (may be null: e.g. the raw payload's record) in the last batch, which is answered only once
     * all of it is durable. With nothing to write, the companion is not written either.
     */
    public void write(Prepared prepared, Companion companion) {
        link(prepared.changes);
        Queued batches = split(prepared.changes, companion);
        for (int i = 0; i < batches.batches.size(); i++) {
            writer.submit(tenant, batches.batches.get(i).changes(), batches.companions.get(i));
        }
    }

    /**
     * A delivery's share as {@link #write} would submit it, contacts linked: written together with
     * other deliveries' shares, of any tenant, by {@link #writeAll}.
     */
    public static final class Queued {

        private final MessageWriter writer;
        private final List<MessageWriter.Batch> batches = new ArrayList<>();
        private final List<Companion> companions = new ArrayList<>();

        private Queued(MessageWriter writer) {
            this.writer = writer;
        }
    }

    /**
     * Each of {@code prepared}, with its companion (parallel list; may hold nulls) in its last
     * batch, queued for {@link #writeAll}; the people of all of them are linked to contacts at once.
     */
    public List<Queued> queue(List<Prepared> prepared, List<Companion> companions) {
        List<MessageWriter.Change> all = new ArrayList<>();
        prepared.forEach(p -> all.addAll(p.changes));
        link(all);
        List<Queued> queued = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            queued.add(split(prepared.get(i).changes, companions.get(i)));
        }
        return queued;
    }

    /** {@code changes} in batches of at most {@value #MAX_BATCH}, {@code companion} with the last. */
    private Queued split(List<MessageWriter.Change> changes, Companion companion) {
        Queued queued = new Queued(writer);
        for (int from = 0; from < changes.size(); from += MAX_BATCH) {
            int to = Math.min(changes.size(), from + MAX_BATCH);
            queued.batches.add(new MessageWriter.Batch(tenant, changes.subList(from, to)));
            queued.companions.add(to == changes.size() ? companion : null);
        }
        return queued;
    }

    /**
     * Writes every queued share in shared group-commit rounds; returns once all are durable, with
     * each share's failure (null where it was written).
     */
    public static List<RuntimeException> writeAll(List<Queued> queued) {
        List<MessageWriter.Batch> batches = new ArrayList<>();
        List<Companion> companions = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < queued.size(); i++) {
            batches.addAll(queued.get(i).batches);
            companions.addAll(queued.get(i).companions);
            owners.addAll(Collections.nCopies(queued.get(i).batches.size(), i));
        }
        List<RuntimeException> failures = new ArrayList<>(Collections.nCopies(queued.size(), (RuntimeException) null));
        if (batches.isEmpty()) {
            return failures;
        }
        List<RuntimeException> byBatch = queued.get(0).writer.submitAll(batches, companions);
        for (int b = 0; b < byBatch.size(); b++) {
            if (byBatch.get(b) != null && failures.get(owners.get(b)) == null) {
                failures.set(owners.get(b), byBatch.get(b));
            }
        }
        return failures;
    }

    /** Seed 000's {@code update_message_status}. */
    public void updateStatus(String messageId, String status, Instant at, String executionId) {
        recordStatuses(List.of(new StatusEvent(messageId, MessageStatus.parse("status", status),
                at == null ? Instant.now() : at, executionId, null, "api", null, false)));
    }

    /** Records up to 1000 status events in one durable batch. */
    public void recordStatuses(List<StatusEvent> events) {
        checkBatch("statuses", events.size());
        List<MessageWriter.Change> changes = new ArrayList<>(events.size());
        for (StatusEvent event : events) {
            changes.add(statusChange(event));
        }
        link(changes);
        writer.submit(tenant, changes);
    }

    /** Links the people of {@code changes} to contacts before they are written (durable with them). */
    private void link(List<MessageWriter.Change> changes) {
        if (contacts == ContactLinker.NONE) {
            return;
        }
        List<ContactSighting> sightings = new ArrayList<>();
        for (MessageWriter.Change change : changes) {
            if (change.body() != null) {
                ContactSighting seen = ContactSighting.of(change.body());
                if (!seen.identifiers().isEmpty()) {
                    sightings.add(seen);
                }
            }
            for (StatusEvent event : change.events()) {
                if (event.conversationId() != null && !event.conversationId().isBlank()) {
                    sightings.add(ContactSighting.of(event));
                }
            }
        }
        if (!sightings.isEmpty()) {
            contacts.link(tenant, sightings);
        }
    }

    /**
     * Which of {@code messageIds} have had no message logged, only status events: a provider's
     * status may come before the message, so such events are kept, and callers are told.
     */
    public Set<String> unlogged(Collection<String> messageIds) {
        Set<String> unlogged = new LinkedHashSet<>(messageIds);
        for (Document stored : messages.getAll(unlogged)) {
            if (Boolean.TRUE.equals(stored.get("body_logged"))) {
                unlogged.remove(stored.getString("message_id"));
            }
        }
        return unlogged;
    }

    private static MessageWriter.Change statusChange(StatusEvent event) {
        if (event.messageId() == null || event.messageId().isBlank()) {
            throw new InvalidInputException("message_id", "is required");
        }
        return new MessageWriter.Change(event.messageId(), null, List.of(event));
    }

    public Document get(String messageId) {
        return messages.get(messageId).map(Messages::view)
                .orElseThrow(() -> new NotFoundException("no message " + messageId));
    }

    /**
     * Seed 000's {@code search_messages(query, limit)}: words AND-ed, {@code OR}, {@code "phrases"},
     * {@code -exclusions}, {@code prefix*}, in Arabic and English; newest first, with snippets.
     */
    public SearchPage search(String query, MessageSearchFilters filters, int limit, String cursor) {
        if (limit < 1 || limit > MAX_SEARCH_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_SEARCH_LIMIT);
        }
        SearchQuery parsed = SearchQuery.parse(query);
        MessageSearchFilters f = filters == null ? MessageSearchFilters.NONE : filters;
        IndexSearch.Result result = new IndexSearch(writer.search(), tenant, MessageText.NS).run(parsed, cursor, limit,
                f.from() == null ? null : SearchIndex.dayOf(f.from()), f.to() == null ? null : SearchIndex.dayOf(f.to()),
                new IndexSearch.Source(messages::getAll, "message_id", MessageText.SEQ, MessageText.TEXT, f::accepts));
        List<Document> hits = new ArrayList<>();
        for (Document message : result.hits()) {
            hits.add(view(message).append("snippet", MessageText.TEXT.snippet(message, parsed)));
        }
        return new SearchPage(hits, result.nextCursor(), result.nextCursor() != null);
    }

    /**
     * Rebuilds this tenant's message search index from the stored messages, reporting how many
     * were read so far; returns how many were indexed.
     */
    public long rebuildSearch(LongConsumer progress) {
        return MessageText.rebuild(writer.search(), writer.store(), messages, progress);
    }

    /** How many messages the tenant has (for progress). */
    public long count() {
        return messages.count(new Document());
    }

    /**
     * Deletes a message for good (e.g. an erasure request): out of the search index first, then
     * the document; audited. Its history position is skipped by readers from then on; counts in
     * the rollups stay (they are aggregates).
     */
    public void delete(String messageId) {
        Document stored = messages.get(messageId).orElseThrow(() -> new NotFoundException("no message " + messageId));
        deleteStored(List.of(stored));
        audit.record(tenant, new Document(SystemAudit.entry("delete", "message", messageId, null))
                .append("changes", new Document("before", new Document("conversation_id", stored.get("conversation_id"))
                        .append("created_at", stored.get("created_at")))));
    }

    /**
     * Deletes every message an import brought in ({@code metadata.upload_id}), a thousand at a
     * time, out of search first; one audit entry for all. Returns how many went.
     */
    public long deleteImported(String uploadId) {
        long deleted = Batches.sum(messages.find(new Document("metadata.upload_id", uploadId)).batchSize(1_000),
                1_000, this::deleteStored);
        if (deleted > 0) {
            audit.record(tenant, new Document(SystemAudit.entry("delete", "upload", uploadId, null))
                    .append("changes", new Document("before", new Document("messages", deleted))));
        }
        return deleted;
    }

    private long deleteStored(List<Document> batch) {
        forgetDeleted(batch);
        long deleted = messages.deleteByKeys(batch.stream().map(d -> d.getString("message_id")).toList());
        messages.awaitDurable();
        return deleted;
    }

    /**
     * Forgets messages that are about to be deleted (as stored): out of the search index, and out
     * of the writer's memory of what it wrote last. Every path that deletes messages calls it.
     */
    public void forgetDeleted(List<Document> stored) {
        writer.forgetDeleted(tenant, stored);
    }

    /** Seed 000's {@code get_conversation_history}, with cursors. */
    public HistoryPage history(String conversationId, HistoryQuery query) {
        return history.read(conversationId, query);
    }

    /** Seed 002's query examples; newest {@code latest_timestamp} first: the first page of {@link #statusPage}. */
    public List<Document> statuses(StatusQuery query) {
        return statusPage(query, null).messages();
    }

    /**
     * Seed 002's status queries, a page at a time: newest {@code latest_timestamp} first, then
     * {@code message_id}; {@code cursor} is a page's {@code nextCursor} (null: the first page).
     * Read by key from the status index, never by scanning messages; a filter on
     * {@code conversation_id} reads that conversation's messages by key. Stable while messages
     * move: one keeps the place it had when paging started (see {@link StatusLists}).
     */
    public StatusListPage statusPage(StatusQuery query, String cursor) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Set<String> statuses = new LinkedHashSet<>();
        if (query.statuses() != null) {
            query.statuses().forEach(s -> statuses.add(MessageStatus.parse("status", s).wire()));
        }
        if (statuses.isEmpty()) {
            Arrays.stream(MessageStatus.values()).forEach(s -> statuses.add(s.wire()));
        }
        StatusCursor after = StatusCursor.decode(cursor);
        long asOf = after == null ? System.currentTimeMillis() : after.asOf();
        StatusLists lists = new StatusLists(messages);
        Iterable<StatusEntry> candidates;
        if (query.conversationId() != null) {
            candidates = conversationEntries(query.conversationId());
        } else if (query.updatedSince() != null) {
            candidates = lists.updatedSince(query.updatedSince().toEpochMilli(), statuses).map(StatusLists::entry);
        } else {
            candidates = lists.candidates(statuses, after, asOf, query.limit() + 1).values();
        }
        if (query.updatedSince() != null) {
            long since = query.updatedSince().toEpochMilli();
            Iterable<StatusEntry> all = candidates;
            candidates = () -> StreamSupport.stream(all.spliterator(), false)
                    .filter(e -> e != null && e.u() >= since).iterator();
        }
        List<StatusEntry> picked = StatusLists.select(candidates, statuses, after, asOf, query.limit());
        boolean more = picked.size() > query.limit();
        List<StatusEntry> page = more ? picked.subList(0, query.limit()) : picked;
        Map<String, Document> read = new HashMap<>();
        messages.getAll(page.stream().map(StatusEntry::messageId).toList()).forEach(doc -> read.put(doc.getString("message_id"), doc));
        List<Document> found = new ArrayList<>(page.size());
        for (StatusEntry entry : page) {
            Document doc = read.get(entry.messageId());
            // read again for the page: one may have moved on (or been deleted) since it was placed
            if (doc != null && statuses.contains(doc.getString("status"))
                    && (query.conversationId() == null || query.conversationId().equals(doc.getString("conversation_id")))) {
                found.add(view(doc));
            }
        }
        StatusEntry last = more ? page.get(page.size() - 1) : null;
        String next = last == null ? null
                : new StatusCursor(asOf, StatusLists.place(last, statuses, asOf), last.messageId()).encode();
        return new StatusListPage(found, next, more);
    }

    /**
     * A conversation's messages with a status, read by key through its history pages (each
     * carries its place before it last moved).
     */
    private List<StatusEntry> conversationEntries(String conversationId) {
        List<String> ids = history.allMessageIds(conversationId);
        List<StatusEntry> entries = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            for (Document doc : messages.getAll(ids.subList(from, Math.min(ids.size(), from + 500)))) {
                StatusEntry entry = StatusEntry.of(doc.getString("message_id"), doc);
                if (entry != null && conversationId.equals(entry.conversationId())) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    /**
     * Streams every message that has a delivery status, in message id order, without holding
     * them in memory (exports); returns how many.
     */
    public long forEachWithStatus(Consumer<Document> out) {
        long count = 0;
        for (Document message : messages.find(new Document("status", new Document("$exists", true)))
                .sort(new Document("_id", 1))) {
            out.accept(view(message));
            count++;
        }
        return count;
    }

    /**
     * Seed 002's "count messages by status per user": one row per group with its count, sorted by
     * the groups' fields. Served by the index {@code (organization_id, conversation_id, status)}:
     * on the embedded H2 server by rank lookups in its ordered index, never reading messages
     * ({@code GroupCountQuery}); on a real MongoDB by a scan of that index alone.
     */
    public List<Document> statusCounts(List<String> groupBy) {
        List<String> fields = groupBy == null || groupBy.isEmpty() ? List.of("conversation_id", "status") : groupBy;
        Document id = new Document();
        for (String field : fields) {
            if (!GROUPABLE.contains(field)) {
                throw new InvalidInputException("group_by", "may name conversation_id and status, not " + field);
            }
            if (id.containsKey(field)) {
                throw new InvalidInputException("group_by", "names a field twice");
            }
            id.append(field, "$" + field);
        }
        Document sort = new Document();
        fields.forEach(f -> sort.append("_id." + f, 1));
        List<Document> rows = new ArrayList<>();
        for (Document group : messages.aggregate(List.of(
                new Document("$match", new Document("status", new Document("$exists", true))),
                new Document("$group", new Document("_id", id).append("count", new Document("$sum", 1))),
                new Document("$sort", sort)))) {
            Document row = new Document((Document) group.get("_id"));
            row.append("count", group.get("count"));
            rows.add(row);
        }
        return rows;
    }

    /** A stored message as the API shows it: Parley's bookkeeping fields left out. */
    static Document view(Document stored) {
        Document view = new Document(stored);
        view.remove("_id");
        view.remove("rev");
        view.remove("body_logged");
        view.remove("history_seq");
        view.remove(MessageText.SEQ);
        view.remove(StatusEntry.PREVIOUS_STATUS);
        view.remove(StatusEntry.PREVIOUS_TIME);
        return view;
    }

    private static void checkBatch(String field, int size) {
        if (size < 1 || size > MAX_BATCH) {
            throw new InvalidInputException(field, "must hold 1 to " + MAX_BATCH + " entries");
        }
    }
}
