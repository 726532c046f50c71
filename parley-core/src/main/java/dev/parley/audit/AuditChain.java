package dev.parley.audit;

import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.Objects;
import java.util.Optional;

/** Reading and checking a tenant's chain of audit entries, in {@code seq} order, by key. */
final class AuditChain {

    /** Stands before entry 1: seq 0, no hash. */
    static final Document GENESIS = new Document("seq", 0L).append("hash", null);
    /** The entry before the oldest kept one, signed, once retention has deleted the chain's start. */
    static final String CHECKPOINT = "checkpoint";
    private static final int BATCH = 1_000;

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
     * Walks the chain by key, from entry 1 or from the signed checkpoint that retention left, and
     * reports the first entry that breaks it: missing, out of place, not linked to its predecessor,
     * or changed since it was written. The head's count catches entries deleted from the end. The
     * next batch is read while the current one is hashed.
     */
    static Document verify(ScopedCollection logs, ScopedCollection heads, AuditSigner signer) {
        long head = heads.get(AuditWriter.HEAD).map(h -> h.get("seq", Number.class).longValue()).orElse(0L);
        Optional<Document> checkpoint = heads.get(CHECKPOINT);
        long seq = 1;
        String prev = null;
        if (checkpoint.isPresent()) {
            Document cp = checkpoint.get();
            seq = cp.get("seq", Number.class).longValue() + 1;
            prev = cp.getString("hash");
            if (!signature(signer, logs.tenant(), seq - 1, prev).equals(cp.getString("signature"))) {
                return result(false, 0, head, new Document("seq", seq - 1).append("problem", "checkpoint signature invalid (checkpoint forged or edited)"));
            }
        }
        long first = seq;
        java.util.concurrent.CompletableFuture<java.util.Map<String, Document>> next = fetch(logs, seq);
        while (true) {
            java.util.Map<String, Document> batch = next.join();
            next = batch.isEmpty() && seq > head ? null : fetch(logs, seq + BATCH);
            for (long end = seq + BATCH; seq < end; seq++) {
                Document entry = batch.get(logs.key(localId(seq)));
                if (entry == null) {
                    long checked = seq - first;
                    return seq <= head
                            ? result(false, checked, head, new Document("seq", seq).append("problem", "missing (deleted)"))
                            : result(true, checked, checked, null);
                }
                long says = entry.get("seq", Number.class).longValue();
                String problem = says != seq ? "out of place: stored as " + localId(seq) + ", it says seq " + says
                        : !Objects.equals(entry.getString("prev_hash"), prev) ? "not linked to entry " + (seq - 1) + " (reordered or replaced)"
                        : !AuditHash.of(entry).equals(entry.getString("hash")) ? "changed after it was written (hash mismatch)"
                        : null;
                if (problem != null) {
                    return result(false, seq - first, Math.max(head, seq), new Document("seq", seq).append("problem", problem));
                }
                prev = entry.getString("hash");
            }
            if (next == null) {
                return result(true, seq - first, seq - first, null);
            }
        }
    }

    private static java.util.concurrent.CompletableFuture<java.util.Map<String, Document>> fetch(ScopedCollection logs, long from) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            java.util.List<String> ids = new java.util.ArrayList<>(BATCH);
            for (long seq = from; seq < from + BATCH; seq++) {
                ids.add(localId(seq));
            }
            java.util.Map<String, Document> byKey = new java.util.HashMap<>();
            for (Document entry : logs.getAll(ids)) {
                byKey.put((String) entry.get("_id"), entry);
            }
            return byKey;
        });
    }

    static String signature(AuditSigner signer, String tenant, long seq, String hash) {
        return signer.sign("audit-checkpoint|" + tenant + "|" + seq + "|" + hash);
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
