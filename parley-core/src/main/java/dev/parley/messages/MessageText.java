package dev.parley.messages;

import dev.parley.search.SearchIndex;
import dev.parley.store.Batches;
import dev.parley.store.Keys;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import dev.parley.store.StoreUnavailableException;
import dev.parley.search.TextField;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Keeps the search index in step with message writes, in the writer's batch: a message whose
 * text is new or changed gets a {@code search_seq} (once) and its terms; an edit removes the
 * terms it no longer has. Runs before the message itself is written, so an acknowledged message
 * is searchable at once; an entry whose message write then lost a race points at a seq that
 * message does not carry, and searches skip it.
 */
final class MessageText {

    static final String NS = "m";
    static final String SEQ = "search_seq";
    private static final int REBUILD_BATCH = 1_000;

    private MessageText() {
    }

    /** A message's searchable text: its {@code content}. */
    static final TextField TEXT = new TextField(message -> message.get("content") instanceof String s && !s.isBlank() ? s : null);

    static String text(Document message) {
        return TEXT.of(message);
    }

    static Map<String, Integer> terms(Document message) {
        return TEXT.positions(message);
    }

    /** Indexes the text of {@code changes} (new states by id) given what was stored before ({@code current}). */
    static void index(SearchIndex index, String tenant, Map<String, Document> current, Map<String, Document> changes, Instant now) {
        List<SearchIndex.Entry> adds = new ArrayList<>();
        List<SearchIndex.Entry> removes = new ArrayList<>();
        List<Map.Entry<String, Document>> unnumbered = new ArrayList<>();
        for (Map.Entry<String, Document> change : changes.entrySet()) {
            Document before = current.get(change.getKey());
            Document after = change.getValue();
            Number seq = (Number) after.get(SEQ);
            boolean same = seq != null && Objects.equals(text(before), text(after))
                    && Objects.equals(before == null ? null : before.get("language"), after.get("language"));
            if (same) {
                continue;
            }
            if (seq == null) {
                if (text(after) != null) {
                    unnumbered.add(change);
                }
                continue;
            }
            // an edit: out with every old posting (positions move), in with the new ones
            removes.add(new SearchIndex.Entry(change.getKey(), seq.longValue(), createdAt(before, now), terms(before)));
            adds.add(new SearchIndex.Entry(change.getKey(), seq.longValue(), createdAt(after, now), terms(after)));
        }
        if (!unnumbered.isEmpty()) {
            long next = index.reserve(tenant, NS, unnumbered.size());
            for (Map.Entry<String, Document> change : unnumbered) {
                long seq = next++;
                change.getValue().put(SEQ, seq);
                adds.add(new SearchIndex.Entry(change.getKey(), seq, createdAt(change.getValue(), now), terms(change.getValue())));
            }
        }
        index.remove(tenant, NS, removes, false);
        index.add(tenant, NS, adds);
    }

    /** Takes deleted messages (as stored) out of the index. */
    static void forget(SearchIndex index, String tenant, List<Document> stored, Instant now) {
        List<SearchIndex.Entry> entries = new ArrayList<>();
        for (Document message : stored) {
            if (message.get(SEQ) instanceof Number seq) {
                entries.add(new SearchIndex.Entry(message.getString("message_id"), seq.longValue(), createdAt(message, now),
                        terms(message)));
            }
        }
        index.remove(tenant, NS, entries, true);
    }

    private static Instant createdAt(Document message, Instant now) {
        Date created = message.getDate("created_at");
        return created == null ? now : created.toInstant();
    }

    /**
     * Rebuilds a tenant's message index from its stored messages (after an analyzer change or a
     * restore): clears it, then numbers and indexes every message with text, a thousand at a
     * time, each message rewritten under its {@code rev} like any write. Searches meanwhile may
     * miss messages not reached yet. Returns how many messages were indexed.
     */
    static long rebuild(SearchIndex index, MongoStore store, ScopedCollection messages, LongConsumer progress) {
        String tenant = messages.tenant();
        index.clear(tenant, NS);
        long start = index.reserve(tenant, NS, 0); // the next number: anything numbered from here on is indexed anew
        long[] seen = {0};
        long indexed = Batches.sum(messages.find(new Document()).projection(new Document("_id", 1)).batchSize(REBUILD_BATCH),
                REBUILD_BATCH, batch -> {
                    long done = rebuildBatch(index, messages, batch.stream().map(d -> Keys.local((String) d.get("_id"), tenant)).toList(), start);
                    progress.accept(seen[0] += batch.size());
                    return done;
                });
        progress.accept(seen[0]);
        store.awaitDurable();
        return indexed;
    }

    private static long rebuildBatch(SearchIndex index, ScopedCollection messages, List<String> ids, long start) {
        for (int attempt = 0; attempt < 20; attempt++) {
            List<Document> todo = new ArrayList<>();
            for (Document doc : messages.getAll(ids)) {
                boolean done = doc.get(SEQ) instanceof Number n && n.longValue() >= start;
                if (!done && (text(doc) != null || doc.get(SEQ) != null)) {
                    todo.add(doc);
                }
            }
            long withText = todo.stream().filter(d -> text(d) != null).count();
            long next = withText == 0 ? 0 : index.reserve(messages.tenant(), NS, (int) withText);
            List<SearchIndex.Entry> entries = new ArrayList<>();
            List<ScopedCollection.VersionedChange> changes = new ArrayList<>();
            for (Document doc : todo) {
                Document fields = new Document(doc);
                fields.remove("_id");
                fields.remove("organization_id");
                fields.remove("rev");
                fields.remove(SEQ);
                if (text(doc) != null) {
                    long seq = next++;
                    fields.put(SEQ, seq);
                    entries.add(new SearchIndex.Entry(doc.getString("message_id"), seq, createdAt(doc, Instant.now()), terms(doc)));
                }
                changes.add(new ScopedCollection.VersionedChange(doc.getString("message_id"),
                        ((Number) doc.get("rev", 0L)).longValue(), fields));
            }
            index.add(messages.tenant(), NS, entries);
            if (messages.writeVersioned("message_id", changes)) {
                return entries.size();
            }
            // a message changed meanwhile: read the batch again (those numbered since the start are skipped)
        }
        throw new StoreUnavailableException("messages kept changing while the search index was rebuilt", null);
    }
}
