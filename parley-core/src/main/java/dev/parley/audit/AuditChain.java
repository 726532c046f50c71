package dev.parley.audit;

import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.Objects;
import java.util.Optional;

/** Reading and checking a tenant's chain of audit entries, in {@code seq} order, by key. */
final class AuditChain {

    /** Stands before entry 1: seq 0, no hash. */
    static final Document GENESIS = new Document("seq", 0L).append("hash", null);
    private static final int BATCH = 10_000;

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
     * Walks the chain from entry 1 in one sorted pass and reports the first entry that breaks it:
     * missing, out of place, not linked to its predecessor, or changed since it was written. The
     * head's count catches entries deleted from the end.
     */
    static Document verify(ScopedCollection logs, ScopedCollection heads) {
        long head = heads.get(AuditWriter.HEAD).map(h -> h.get("seq", Number.class).longValue()).orElse(0L);
        String prev = null;
        long checked = 0;
        for (Document entry : logs.find(new Document()).sort(new Document("seq", 1)).batchSize(BATCH)) {
            long expected = checked + 1;
            long seq = entry.get("seq", Number.class).longValue();
            String key = ((String) entry.get("_id")).substring(logs.tenant().length() + 1);
            String problem = seq > expected ? "missing (deleted)"
                    : seq < expected || !key.equals(localId(seq)) ? "out of place: stored as " + key + ", it says seq " + seq
                    : !Objects.equals(entry.getString("prev_hash"), prev) ? "not linked to entry " + (seq - 1) + " (reordered or replaced)"
                    : !AuditHash.of(entry).equals(entry.getString("hash")) ? "changed after it was written (hash mismatch)"
                    : null;
            if (problem != null) {
                return result(false, checked, Math.max(head, seq), new Document("seq", expected).append("problem", problem));
            }
            prev = entry.getString("hash");
            checked++;
        }
        if (head > checked) {
            return result(false, checked, head, new Document("seq", checked + 1).append("problem", "missing (deleted)"));
        }
        return result(true, checked, checked, null);
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
