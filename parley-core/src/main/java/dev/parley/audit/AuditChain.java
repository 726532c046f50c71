package dev.parley.audit;

import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.Optional;

/** Reading and checking a tenant's chain of audit entries, in {@code seq} order, by key. */
final class AuditChain {

    /** Stands before entry 1: seq 0, no hash. */
    static final Document GENESIS = new Document("seq", 0L).append("hash", null);
    /** The entry before the oldest kept one, signed, once retention has deleted the chain's start. */
    static final String CHECKPOINT = "checkpoint";
    private static final int BATCH = 10_000;

    private AuditChain() {
    }

    static String localId(long seq) {
        return String.format("%012d", seq);
    }

    /** The {@code seq} the chain's head counts (entries a crash kept it from counting may follow). */
    static long headSeq(ScopedCollection heads) {
        return heads.get(AuditWriter.HEAD).map(h -> h.get("seq", Number.class).longValue()).orElse(0L);
    }

    /** The {@code seq} of the last entry retention deleted, 0 when it deleted none. */
    static long checkpointSeq(ScopedCollection heads) {
        return heads.get(CHECKPOINT).map(c -> c.get("seq", Number.class).longValue()).orElse(0L);
    }

    /** Records {@code last} (about to be deleted, with all before it) as the signed start of the chain. */
    static void writeCheckpoint(ScopedCollection heads, AuditSigner signer, Document last) {
        long seq = last.get("seq", Number.class).longValue();
        heads.updateByKey(CHECKPOINT, new Document("$set", new Document("seq", seq).append("hash", last.getString("hash"))
                .append("created_at", last.get("created_at")).append("signature", signature(signer, heads.tenant(), seq,
                        last.getString("hash"))).append("updated_at", new java.util.Date())), true);
    }

    /** The last entry: from the head's hint on, past any entry a crash kept the head from counting. */
    static Optional<Document> last(ScopedCollection logs, ScopedCollection heads) {
        long seq = headSeq(heads);
        Optional<Document> last = seq == 0 ? Optional.empty() : logs.get(localId(seq));
        Optional<Document> next;
        while ((next = logs.get(localId(seq + 1))).isPresent()) {
            last = next;
            seq++;
        }
        return last;
    }

    /**
     * Reads the chain once, in key order, from entry 1 or from the signed checkpoint that
     * retention left, and reports the first entry that breaks it: missing, out of place, not
     * linked to its predecessor, or changed since it was written. Entries are put in {@code seq}
     * order as they come (a real MongoDB sorts by {@code _id} with its index; the embedded store
     * yields key order by itself, and is read without the server when this process runs it),
     * hashed in parallel a batch at a time, then linked in order. The head's count catches entries
     * deleted from the end.
     */
    static Document verify(ScopedCollection logs, ScopedCollection heads, AuditSigner signer) {
        long head = headSeq(heads);
        Optional<Document> checkpoint = heads.get(CHECKPOINT);
        ChainWalk walk = new ChainWalk(1, null, head);
        if (checkpoint.isPresent()) {
            Document cp = checkpoint.get();
            long seq = cp.get("seq", Number.class).longValue();
            if (!signature(signer, logs.tenant(), seq, cp.getString("hash")).equals(cp.getString("signature"))) {
                return result(false, 0, head, new Document("seq", seq).append("problem", "checkpoint signature invalid (checkpoint forged or edited)"));
            }
            walk = new ChainWalk(seq + 1, cp.getString("hash"), head);
        }
        try (EntryReader reader = new EntryReader(logs.readAllInKeyOrder(BATCH))) {
            for (java.util.Map<String, Object> entry = reader.next(); entry != null; entry = reader.next()) {
                String key = dev.parley.store.Keys.local((String) entry.get("_id"), logs.tenant());
                if (isSeqKey(key) && walk.offer(Long.parseLong(key), entry)) {
                    return walk.report();
                }
            }
        }
        return walk.finish();
    }

    /** A key {@link #localId} wrote: twelve digits. */
    private static boolean isSeqKey(String key) {
        if (key.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static String signature(AuditSigner signer, String tenant, long seq, String hash) {
        return signer.sign("audit-checkpoint|" + tenant + "|" + seq + "|" + hash);
    }

    static Document result(boolean valid, long checked, long total, Document firstBroken) {
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
