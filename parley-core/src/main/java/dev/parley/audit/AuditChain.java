package dev.parley.audit;

import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/** Reading and checking a tenant's chain of audit entries, in {@code seq} order, by key. */
final class AuditChain {

    /** Stands before entry 1: seq 0, no hash. */
    static final Document GENESIS = new Document("seq", 0L).append("hash", null);
    /** The entry before the oldest kept one, signed, once retention has deleted the chain's start. */
    static final String CHECKPOINT = "checkpoint";
    private static final int BATCH = 10_000;
    /** Entries a part holds at least: below this, threads would cost more than they save. */
    static final long MIN_PART = 25_000;

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
     * linked to its predecessor, or changed since it was written. A long chain is cut into parts
     * by {@code seq} that threads read and check at once (reading and decoding is most of the
     * work); the parts are then joined in order, each one's first link checked against the hash
     * before it. The head's count catches entries deleted from the end.
     */
    static Document verify(ScopedCollection logs, ScopedCollection heads, AuditSigner signer, long minPart) {
        long head = headSeq(heads);
        Optional<Document> checkpoint = heads.get(CHECKPOINT);
        long first = 1;
        String prev = null;
        if (checkpoint.isPresent()) {
            Document cp = checkpoint.get();
            long seq = cp.get("seq", Number.class).longValue();
            if (!signature(signer, logs.tenant(), seq, cp.getString("hash")).equals(cp.getString("signature"))) {
                return result(false, 0, head, new Document("seq", seq).append("problem", "checkpoint signature invalid (checkpoint forged or edited)"));
            }
            first = seq + 1;
            prev = cp.getString("hash");
        }
        List<Long> starts = partStarts(first, head, minPart);
        String known = prev;
        List<ChainWalk.Part> parts = IntStream.range(0, starts.size()).parallel().mapToObj(i -> {
            long end = i + 1 < starts.size() ? starts.get(i + 1) : Long.MAX_VALUE;
            return walk(logs, i == 0 ? ChainWalk.from(starts.get(i), end, known) : ChainWalk.within(starts.get(i), end), starts.get(i), end);
        }).toList();
        return join(parts, first, prev, head);
    }

    /** Where each part begins: one part for a short chain, else a few per processor. */
    private static List<Long> partStarts(long first, long head, long minPart) {
        long span = head - first + 1;
        int count = (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors() * 4L, span / minPart));
        List<Long> starts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            starts.add(first + span * i / count);
        }
        return starts;
    }

    private static ChainWalk.Part walk(ScopedCollection logs, ChainWalk walk, long from, long end) {
        String to = end == Long.MAX_VALUE ? "\uffff" : localId(end);
        java.util.Iterator<? extends Map<String, Object>> entries = logs.readKeyRange(localId(from), to, BATCH);
        try {
            while (entries.hasNext()) {
                Map<String, Object> entry = entries.next();
                String key = dev.parley.store.Keys.local((String) entry.get("_id"), logs.tenant());
                if (isSeqKey(key) && walk.offer(Long.parseLong(key), entry)) {
                    break;
                }
            }
        } finally {
            if (entries instanceof AutoCloseable closeable) { // a cursor, or a pinned read of the store
                try {
                    closeable.close();
                } catch (Exception e) {
                    // closing a read cannot lose anything
                }
            }
        }
        return walk.part();
    }

    /** The parts in order: the first break, link or gap, else the whole chain's count. */
    private static Document join(List<ChainWalk.Part> parts, long first, Object prev, long head) {
        long highest = head;
        for (ChainWalk.Part part : parts) {
            highest = Math.max(highest, part.highest());
        }
        for (int i = 0; i < parts.size(); i++) {
            ChainWalk.Part part = parts.get(i);
            if (part.linkPending() && !Objects.equals(part.firstPrev(), prev)) {
                return broken(first, highest, part.first(), "not linked to entry " + (part.first() - 1) + " (reordered or replaced)");
            }
            if (part.broken() != null) {
                long seq = part.broken().get("seq", Number.class).longValue();
                return result(false, seq - first, Math.max(head, seq), part.broken());
            }
            boolean last = i == parts.size() - 1;
            if (last ? part.next() <= highest : part.next() < part.end()) {
                return broken(first, highest, part.next(), "missing (deleted)");
            }
            prev = part.lastHash();
        }
        long checked = parts.get(parts.size() - 1).next() - first;
        return result(true, checked, checked, null);
    }

    private static Document broken(long first, long total, long seq, String problem) {
        return result(false, seq - first, total, new Document("seq", seq).append("problem", problem));
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
