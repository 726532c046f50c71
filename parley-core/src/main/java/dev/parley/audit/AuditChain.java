package dev.parley.audit;

import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reading and checking a tenant's chain of audit entries, in {@code seq} order, by key. */
final class AuditChain {

    /** Stands before entry 1: seq 0, no hash. */
    static final Document GENESIS = new Document("seq", 0L).append("hash", null);
    private static final int CHUNK = 1_000;

    private AuditChain() {
    }

    static String localId(long seq) {
        return String.format("%012d", seq);
    }

    /** The last entry: from the head's hint on, past any entry a crash kept the head from counting. */
    static Optional<Document> last(ScopedCollection logs, ScopedCollection heads) {
        long seq = heads.get(AuditWriter.HEAD).map(h -> h.get("seq", Number.class).longValue()).orElse(0L);
        Optional<Document> last = seq == 0 ? Optional.empty() : logs.get(localId(seq));
        Optional<Document> next;
        while ((next = logs.get(localId(seq + 1))).isPresent()) {
            last = next;
            seq++;
        }
        return last;
    }

    /**
     * Walks the chain from entry 1 and reports the first entry that breaks it: missing, out of
     * place, not linked to its predecessor, or changed since it was written.
     */
    static Document verify(ScopedCollection logs) {
        long total = logs.count(new Document());
        String prev = null;
        long checked = 0;
        while (checked < total) {
            long start = checked + 1;
            long end = checked + CHUNK;
            List<String> keys = new ArrayList<>(CHUNK);
            for (long seq = start; seq <= end; seq++) {
                keys.add(localId(seq));
            }
            Map<String, Document> chunk = new HashMap<>();
            logs.getAll(keys).forEach(doc -> chunk.put(((String) doc.get("_id")).substring(logs.tenant().length() + 1), doc));
            for (long seq = start; seq <= end && checked < total; seq++) {
                Document entry = chunk.get(localId(seq));
                String problem = entry == null ? "missing (deleted)"
                        : entry.get("seq", Number.class).longValue() != seq ? "out of place: it says seq " + entry.get("seq")
                        : !Objects.equals(entry.getString("prev_hash"), prev) ? "not linked to entry " + (seq - 1) + " (reordered or replaced)"
                        : !AuditHash.of(entry).equals(entry.getString("hash")) ? "changed after it was written (hash mismatch)"
                        : null;
                if (problem != null) {
                    return result(false, checked, total, new Document("seq", seq).append("problem", problem));
                }
                prev = entry.getString("hash");
                checked++;
            }
        }
        return result(true, checked, total, null);
    }

    private static Document result(boolean valid, long checked, long total, Document firstBroken) {
        return new Document("valid", valid).append("checked", checked).append("entries", total)
                .append("first_broken", firstBroken);
    }

    /** The stored entry without its internal key. */
    static Document view(Document stored) {
        Document view = new Document(stored);
        view.remove("_id");
        return view;
    }
}
