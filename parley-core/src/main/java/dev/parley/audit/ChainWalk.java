package dev.parley.audit;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The state of one verification: the entries seen but not yet checked, in key order, and the
 * next {@code seq} the chain needs. Entries are checked a batch at a time: hashes in parallel
 * (the costly part), links in order.
 */
final class ChainWalk {

    private static final int HASH_BATCH = 4_096;

    private final long first;
    private final long head;
    /** Consecutive entries from {@code next} on, not checked yet. */
    private final List<Map<String, Object>> ready = new ArrayList<>();
    /** Entries that came ahead of a gap (out of key order, or after a missing one). */
    private final TreeMap<Long, Map<String, Object>> waiting = new TreeMap<>();
    private long next;
    private String prev;
    private Document broken;

    ChainWalk(long first, String prev, long head) {
        this.first = first;
        this.next = first;
        this.prev = prev;
        this.head = head;
    }

    /** Takes the entry stored under {@code keySeq}; true once the chain is known to be broken. */
    boolean offer(long keySeq, Map<String, Object> entry) {
        if (keySeq < next + ready.size()) {
            return false; // below the checkpoint: left behind by a retention run that crashed
        }
        if (keySeq == next + ready.size()) {
            ready.add(entry); // the usual case: key order
            while (!waiting.isEmpty() && waiting.firstKey() == next + ready.size()) {
                ready.add(waiting.pollFirstEntry().getValue());
            }
        } else {
            waiting.put(keySeq, entry);
        }
        if (ready.size() >= HASH_BATCH) {
            checkReady();
        }
        return broken != null;
    }

    /** Checks the consecutive entries from {@code next} on. */
    private void checkReady() {
        boolean[] intact = new boolean[ready.size()];
        IntStream.range(0, ready.size()).parallel()
                .forEach(i -> intact[i] = AuditHash.matches(ready.get(i), ready.get(i).get("hash")));
        for (int i = 0; i < ready.size() && broken == null; i++, next++) {
            Map<String, Object> entry = ready.get(i);
            long says = ((Number) entry.get("seq")).longValue();
            String problem = says != next ? "out of place: stored as " + AuditChain.localId(next) + ", it says seq " + says
                    : !Objects.equals(entry.get("prev_hash"), prev) ? "not linked to entry " + (next - 1) + " (reordered or replaced)"
                    : !intact[i] ? "changed after it was written (hash mismatch)"
                    : null;
            if (problem != null) {
                broken = new Document("seq", next).append("problem", problem);
                return;
            }
            prev = (String) entry.get("hash");
        }
        ready.clear();
    }

    Document report() {
        return AuditChain.result(false, next - first, Math.max(head, next), broken);
    }

    /** After the last entry: what is still waiting lies beyond a gap, and the head may say more were written. */
    Document finish() {
        checkReady();
        if (broken != null) {
            return report();
        }
        long checked = next - first;
        if (!waiting.isEmpty() || next <= head) {
            return AuditChain.result(false, checked, Math.max(head, waiting.isEmpty() ? next : waiting.lastKey()),
                    new Document("seq", next).append("problem", "missing (deleted)"));
        }
        return AuditChain.result(true, checked, checked, null);
    }
}
