package dev.parley.messages;

import dev.parley.store.Keys;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import dev.parley.store.ScopedCollection.VersionedChange;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * Seed 002's status lists and counts, kept by key ({@link StatusIndexLayout}) so that neither
 * reads the tenant's messages: the message writer tells it, in the same group commit, how each
 * message's latest status moved; deleting a message takes it out; {@link #rebuild} makes it
 * again from the messages (after an import that bypassed the writer, or to repair it).
 */
public final class StatusIndex {

    /** Benchmarks measure what keeping the index costs by switching it off ({@code -Dparley.status_index=off}). */
    static final String SWITCH = "parley.status_index";

    /**
     * Messages merged in memory before a rebuild writes: each index document gets one upsert per
     * chunk, so the bigger the chunk the fewer writes (200,000 entries take about 100 MB of heap).
     */
    private static final int REBUILD_CHUNK = 200_000;

    private final MongoStore store;
    private final boolean maintained;

    StatusIndex(MongoStore store) {
        this.store = store;
        this.maintained = !"off".equalsIgnoreCase(System.getProperty(SWITCH));
    }

    ScopedCollection collection(String tenant) {
        return store.scoped(tenant, StatusIndexLayout.COLLECTION);
    }

    /** The writer's changes stood: each moved from what was read ({@code before}) to what was written. */
    void recordWritten(String tenant, Map<String, Document> before, List<VersionedChange> changes) {
        record(tenant, before, changes, change -> true);
    }

    /**
     * The writer's batch lost a race for some messages: those read back at the revision this
     * writer wrote, carrying its {@code updated_at}, stood and are recorded; the rest are
     * recomputed and recorded by the writer's next round.
     */
    void recordStood(String tenant, Map<String, Document> before, List<VersionedChange> changes, List<Document> readBack) {
        Map<String, Document> now = new LinkedHashMap<>();
        readBack.forEach(doc -> now.put(doc.getString("message_id"), doc));
        record(tenant, before, changes, change -> {
            Document stored = now.get(change.localId());
            return stored != null && ((Number) stored.get("rev", 0L)).longValue() == change.rev() + 1
                    && Objects.equals(stored.get("updated_at"), change.fields().get("updated_at"));
        });
    }

    private void record(String tenant, Map<String, Document> before, List<VersionedChange> changes,
                        java.util.function.Predicate<VersionedChange> stood) {
        if (!maintained) {
            return;
        }
        StatusIndexWrites writes = new StatusIndexWrites();
        for (VersionedChange change : changes) {
            if (stood.test(change)) {
                writes.move(StatusEntry.of(change.localId(), before.get(change.localId())),
                        StatusEntry.of(change.localId(), change.fields()));
            }
        }
        collection(tenant).updateByKeys(writes.updates(), true);
    }

    /** Stored messages join their lists and counts (they were not listed); not durable by itself. */
    void list(String tenant, List<Document> stored) {
        StatusIndexWrites writes = new StatusIndexWrites();
        stored.forEach(message -> writes.move(null, StatusEntry.of(message.getString("message_id"), message)));
        collection(tenant).updateByKeys(writes.updates(), true);
    }

    /**
     * Messages about to be deleted (as stored) leave their lists and counts, and a conversation
     * whose counts all went to zero leaves the counters (its id must not outlive an erasure); not
     * durable by itself.
     */
    void forget(String tenant, List<Document> stored) {
        StatusIndexWrites writes = new StatusIndexWrites();
        stored.forEach(message -> writes.move(StatusEntry.of(message.getString("message_id"), message), null));
        collection(tenant).updateByKeys(writes.updates(), true);
        Set<String> conversations = new HashSet<>();
        stored.forEach(message -> conversations.add(message.getString("conversation_id")));
        dropEmptyCounters(tenant, conversations);
    }

    /** Removes the counters of {@code conversationIds} that hold only zeros, each only if still so. */
    private void dropEmptyCounters(String tenant, Set<String> conversationIds) {
        ScopedCollection index = collection(tenant);
        Map<String, List<String>> byDocument = new LinkedHashMap<>();
        conversationIds.forEach(c -> byDocument.computeIfAbsent(StatusIndexLayout.counters(c), k -> new ArrayList<>())
                .add(StatusIndexLayout.conversationField(c)));
        for (Document counters : index.getAll(byDocument.keySet())) {
            Document n = counters.get("n", Document.class);
            String local = Keys.local(counters.getString("_id"), tenant);
            for (String field : byDocument.getOrDefault(local, List.of())) {
                if (n != null && n.get(field) instanceof Document byStatus
                        && byStatus.values().stream().allMatch(count -> ((Number) count).longValue() == 0)) {
                    index.updateMany(new Document("_id", index.key(local)).append("n." + field, byStatus),
                            new Document("$unset", new Document("n." + field, "")));
                }
            }
        }
    }

    /**
     * Drops the tenant's index and makes it again from its messages, reporting how many were read
     * so far; returns how many are listed. Writes that land while it runs may be counted twice or
     * missed: run it when the tenant's status traffic is quiet, or again after.
     */
    long rebuild(String tenant, ScopedCollection messages, LongConsumer progress) {
        return rebuild(store, tenant, progress);
    }

    /** {@link #rebuild(String, ScopedCollection, LongConsumer)} without a writer (migrations). */
    public static long rebuild(MongoStore store, String tenant, LongConsumer progress) {
        ScopedCollection messages = store.scoped(tenant, MessageWriter.MESSAGES);
        ScopedCollection index = store.scoped(tenant, StatusIndexLayout.COLLECTION);
        index.deleteMany(new Document());
        long read = 0;
        long listed = 0;
        StatusIndexWrites writes = new StatusIndexWrites();
        int pending = 0;
        for (Document message : messages.find(new Document("status", new Document("$exists", true))).batchSize(1_000)) {
            StatusEntry entry = StatusEntry.of(message.getString("message_id"), message);
            read++;
            if (entry != null) {
                writes.move(null, entry);
                listed++;
                pending++;
            }
            if (pending == REBUILD_CHUNK) {
                index.updateByKeys(writes.updates(), true);
                writes = new StatusIndexWrites();
                pending = 0;
                progress.accept(read);
            }
        }
        index.updateByKeys(writes.updates(), true);
        index.awaitDurable();
        progress.accept(read);
        return listed;
    }

    StatusLists lists(String tenant) {
        return new StatusLists(collection(tenant));
    }

    /**
     * Seed 002's counts by {@code fields} (conversation_id and/or status, in that order of
     * sorting), from the counters: one row per group with a count above zero.
     */
    List<Document> counts(String tenant, List<String> fields) {
        List<String> keys = IntStream.range(0, StatusIndexLayout.COUNTER_DOCS).mapToObj(StatusIndexLayout::counters).toList();
        Map<List<Object>, Long> groups = new LinkedHashMap<>();
        for (Document counters : collection(tenant).getAll(keys)) {
            Document n = counters.get("n", Document.class);
            if (n == null) {
                continue;
            }
            n.forEach((conversationField, byStatus) -> ((Document) byStatus).forEach((status, count) -> {
                long held = ((Number) count).longValue();
                if (held > 0) {
                    String conversation = StatusIndexLayout.conversationId(conversationField);
                    List<Object> group = new ArrayList<>(fields.size());
                    fields.forEach(f -> group.add(f.equals("status") ? status : conversation));
                    groups.merge(group, held, Long::sum);
                }
            }));
        }
        List<Document> rows = new ArrayList<>(groups.size());
        groups.entrySet().stream().sorted(Map.Entry.comparingByKey(StatusIndex::compareGroups)).forEach(group -> {
            Document row = new Document();
            for (int i = 0; i < fields.size(); i++) {
                row.append(fields.get(i), group.getKey().get(i));
            }
            long count = group.getValue();
            rows.add(row.append("count", count <= Integer.MAX_VALUE ? (Object) (int) count : count)); // as $sum: 1 gives
        });
        return rows;
    }

    /** MongoDB's order for these values: null before any text, text by code points. */
    private static int compareGroups(List<Object> a, List<Object> b) {
        Comparator<Object> value = Comparator.nullsFirst(Comparator.comparing(Object::toString));
        for (int i = 0; i < a.size(); i++) {
            int c = value.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
