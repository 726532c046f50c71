package dev.parley.audit;

import org.bson.Document;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks one part of a chain, the entries {@code first} up to (not including) {@code end}, as
 * they are read: each must say its own {@code seq}, hash to its {@code hash} (keyed or, before the
 * chain became keyed, unkeyed: {@link AuditKeys}) and name its predecessor's hash as
 * {@code prev_hash}; once a keyed entry is met, an unkeyed one is a break (a downgrade). A part
 * other than the first does not know the hash before it, nor whether the chain was keyed before
 * it; it keeps its first entry's {@code prev_hash} and its first unkeyed entry so that
 * {@link AuditChain} can link the parts once all are read. Parts are read and checked by threads
 * of their own: reading and decoding, not hashing, is what a long verification spends its time on.
 */
final class ChainWalk {

    private final long first;
    private final long end;
    private final boolean prevKnown;
    private final AuditKeys keys;
    /** The signed head's {@code seq}: its entry's hash is kept for the head check. */
    private final long watch;
    private boolean keyed;
    private long keyedFrom;
    private long firstUnkeyed;
    private long unkeyed;
    private Object watchedHash;
    /** Entries that came ahead of a gap (out of key order, or after a missing one). */
    private final TreeMap<Long, Map<String, Object>> waiting = new TreeMap<>();
    private long next;
    private Object prev;
    private Object firstPrev;
    private boolean linkPending;
    private Document broken;

    /**
     * A part whose predecessor's hash is known ({@code prev}, null before entry 1), and whether the
     * chain was keyed before it ({@code keyedBefore}: the retention checkpoint says so).
     */
    static ChainWalk from(long first, long end, String prev, boolean keyedBefore, AuditKeys keys, long watch) {
        return new ChainWalk(first, end, true, prev, keyedBefore, keys, watch);
    }

    /** A part that starts in the middle of the chain: its first link is checked when the parts are joined. */
    static ChainWalk within(long first, long end, AuditKeys keys, long watch) {
        return new ChainWalk(first, end, false, null, false, keys, watch);
    }

    private ChainWalk(long first, long end, boolean prevKnown, Object prev, boolean keyedBefore, AuditKeys keys, long watch) {
        this.first = first;
        this.end = end;
        this.next = first;
        this.prevKnown = prevKnown;
        this.prev = prev;
        this.keyed = keyedBefore;
        this.keys = keys;
        this.watch = watch;
    }

    /** Takes the entry stored under {@code keySeq}; true once this part is known to be broken. */
    boolean offer(long keySeq, Map<String, Object> entry) {
        if (keySeq < next || keySeq >= end) {
            return false; // below the checkpoint (left by a retention run that crashed), or another part's
        }
        if (keySeq > next) {
            waiting.put(keySeq, entry); // out of key order (a store that does not sort), or past a gap
            return false;
        }
        check(entry);
        while (broken == null && !waiting.isEmpty() && waiting.firstKey() == next) {
            check(waiting.pollFirstEntry().getValue());
        }
        return broken != null;
    }

    private void check(Map<String, Object> entry) {
        long says = entry.get("seq") instanceof Number n ? n.longValue() : -1;
        String problem;
        if (says != next) {
            problem = "out of place: stored as " + AuditChain.localId(next) + ", it says seq " + says;
        } else if (next == first && !prevKnown) {
            firstPrev = entry.get("prev_hash");
            linkPending = true;
            problem = hashProblem(entry);
        } else {
            problem = !Objects.equals(entry.get("prev_hash"), prev) ? "not linked to entry " + (next - 1) + " (reordered or replaced)"
                    : hashProblem(entry);
        }
        if (problem != null) {
            broken = new Document("seq", next).append("problem", problem);
            return;
        }
        count(entry);
        prev = entry.get("hash");
        next++;
    }

    private String hashProblem(Map<String, Object> entry) {
        Object alg = entry.get(AuditKeys.ALG_FIELD);
        if (entry.get(AuditKeys.REDACTED_FIELD) != null) {
            // an erasure replaced what named a person; the hash it was written with still links the chain
            return keys.sealHolds(entry) ? null : "redacted, but its seal does not hold (changed after the erasure, or sealed under another key)";
        }
        if (alg == null) {
            if (keyed) {
                return "unkeyed after keyed entries (downgraded: re-hashed without the key)";
            }
            return AuditHash.matches(entry, entry.get("hash")) ? null : "changed after it was written (hash mismatch)";
        }
        if (!AuditKeys.KEYED.equals(alg)) {
            return "of an unknown hash_alg " + alg;
        }
        return keys.matches(entry, entry.get("hash")) ? null
                : "changed after it was written, or written under another PARLEY_SECRET_KEY (keyed hash mismatch)";
    }

    private void count(Map<String, Object> entry) {
        if (entry.get(AuditKeys.ALG_FIELD) == null) {
            unkeyed++;
            if (firstUnkeyed == 0) {
                firstUnkeyed = next;
            }
        } else {
            keyed = true;
            if (keyedFrom == 0) {
                keyedFrom = next;
            }
        }
        if (next == watch) {
            watchedHash = entry.get("hash");
        }
    }

    /** What this part found, once its entries are read. */
    Part part() {
        return new Part(first, end, next, linkPending, firstPrev, prev, broken, waiting.isEmpty() ? next - 1 : waiting.lastKey(),
                keyedFrom, firstUnkeyed, unkeyed, watchedHash);
    }

    /**
     * One part's outcome. {@code next} is the first {@code seq} not checked: the break, a gap or
     * the end. When {@code linkPending}, the first entry's {@code prev_hash} ({@code firstPrev})
     * still has to match the hash before the part. {@code lastHash} is the hash of entry
     * {@code next - 1}; {@code highest} the highest {@code seq} stored in the part. Of the entries
     * checked: {@code keyedFrom} is the first keyed one and {@code firstUnkeyed} the first unkeyed
     * one (0: none), {@code unkeyed} how many are unkeyed, {@code watchedHash} the hash of the
     * signed head's entry if the part holds it.
     */
    record Part(long first, long end, long next, boolean linkPending, Object firstPrev, Object lastHash, Document broken,
                long highest, long keyedFrom, long firstUnkeyed, long unkeyed, Object watchedHash) {
    }
}
