package dev.parley.audit;

import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import dev.parley.store.Keys;
import java.util.Date;
import java.util.Iterator;

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

    /**
     * The {@code seq} the chain's head counts: the signed one once the chain is keyed (entries a
     * crash kept it from counting may follow).
     */
    static long headSeq(ScopedCollection heads) {
        return heads.get(AuditWriter.HEAD).map(AuditChain::countedSeq).orElse(0L);
    }

    private static long countedSeq(Document head) {
        Document signed = signedPart(head);
        return number(signed != null ? signed.get("seq") : head.get("seq"));
    }

    /** The head's signed {@code {seq, hash, signature}}, null for an unkeyed chain's head. */
    private static Document signedPart(Document head) {
        return head.get("signed") instanceof Document signed ? signed : null;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /**
     * Moves the head to {@code newest} with its signature: one update per written batch, never
     * backwards ({@code $max} compares the signed documents by {@code seq}, their first field; another
     * process may have appended further already).
     */
    static void advanceHead(ScopedCollection heads, AuditKeys keys, Document newest) {
        long seq = newest.get("seq", Number.class).longValue();
        String hash = newest.getString("hash");
        Document signed = new Document("seq", seq).append("hash", hash)
                .append("signature", keys.sign(headText(heads.tenant(), seq, hash)));
        heads.updateByKey(AuditWriter.HEAD, new Document("$max", new Document("seq", seq).append("signed", signed)), true);
    }

    /** The {@code seq} of the last entry retention deleted, 0 when it deleted none. */
    static long checkpointSeq(ScopedCollection heads) {
        return heads.get(CHECKPOINT).map(c -> number(c.get("seq"))).orElse(0L);
    }

    /**
     * Records {@code last} (about to be deleted, with all before it) as the signed start of the
     * chain; the signature also says whether it was keyed, so that verification still refuses an
     * unkeyed entry after it.
     */
    static void writeCheckpoint(ScopedCollection heads, AuditKeys keys, Document last) {
        long seq = last.get("seq", Number.class).longValue();
        boolean keyed = AuditKeys.KEYED.equals(last.get(AuditKeys.ALG_FIELD));
        Document checkpoint = new Document("seq", seq).append("hash", last.getString("hash"))
                .append("created_at", last.get("created_at"))
                .append("signature", keys.sign(checkpointText(heads.tenant(), seq, last.getString("hash"), keyed)))
                .append("updated_at", new Date());
        if (keyed) {
            checkpoint.append(AuditKeys.ALG_FIELD, AuditKeys.KEYED);
        }
        heads.updateByKey(CHECKPOINT, new Document("$set", checkpoint), true);
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
     * linked to its predecessor, changed since it was written (its keyed hash needs the key), or
     * unkeyed after keyed entries. A long chain is cut into parts by {@code seq} that threads read
     * and check at once (reading and decoding is most of the work); the parts are then joined in
     * order, each one's first link checked against the hash before it. A keyed chain must end at
     * its signed head or past it (entries a crash kept the head from counting, keyed like the
     * rest): the head's signature makes a cut tail, or a chain re-grown without the key, show.
     */
    static Document verify(ScopedCollection logs, ScopedCollection heads, AuditKeys keys, long minPart) {
        String tenant = logs.tenant();
        Optional<Document> headDoc = heads.get(AuditWriter.HEAD);
        Document signed = headDoc.map(AuditChain::signedPart).orElse(null);
        long head = headDoc.map(AuditChain::countedSeq).orElse(0L);
        String headState = signed != null ? "signed" : headDoc.isPresent() ? "unsigned" : "none";
        if (signed != null && !keys.signed(headText(tenant, head, signed.get("hash")), signed.get("signature"))) {
            return refused(head, head, headState, "head signature invalid (head forged or edited without the key)");
        }
        Optional<Document> checkpoint = heads.get(CHECKPOINT);
        long first = 1;
        String prev = null;
        boolean keyedBefore = false;
        if (checkpoint.isPresent()) {
            Document cp = checkpoint.get();
            long seq = number(cp.get("seq"));
            keyedBefore = AuditKeys.KEYED.equals(cp.get(AuditKeys.ALG_FIELD));
            if (!keys.signed(checkpointText(tenant, seq, cp.get("hash"), keyedBefore), cp.get("signature"))) {
                return refused(seq, head, headState, "checkpoint signature invalid (checkpoint forged or edited)");
            }
            first = seq + 1;
            prev = cp.getString("hash");
        }
        if (signed != null && head < first - 1) {
            return refused(head, head, headState, "the signed head is behind the retention checkpoint (an old head put back)");
        }
        long watch = signed != null ? head : -1;
        List<Long> starts = partStarts(first, head, minPart);
        String known = prev;
        boolean keyedAtStart = keyedBefore;
        List<ChainWalk.Part> parts = IntStream.range(0, starts.size()).parallel().mapToObj(i -> {
            long end = i + 1 < starts.size() ? starts.get(i + 1) : Long.MAX_VALUE;
            ChainWalk walk = i == 0 ? ChainWalk.from(starts.get(i), end, known, keyedAtStart, keys, watch)
                    : ChainWalk.within(starts.get(i), end, keys, watch);
            return walk(logs, walk, starts.get(i), end);
        }).toList();
        Walked walked = join(parts, first, prev, keyedBefore, head);
        Document broken = walked.broken();
        if (broken == null) {
            broken = headProblem(signed, head, first, prev, keyedBefore, walked);
        }
        return report(walked, broken, first, headState);
    }

    /**
     * What the head says against what the walk found: a keyed chain needs a signed head (an
     * unsigned or missing one was replaced or deleted), naming an entry the chain holds.
     */
    private static Document headProblem(Document signed, long head, long first, String checkpointHash, boolean keyedBefore,
                                        Walked walked) {
        if (signed == null) {
            boolean keyed = keyedBefore || walked.keyedFrom() != 0;
            return !keyed ? null : new Document("seq", walked.keyedFrom() != 0 ? walked.keyedFrom() : first)
                    .append("problem", "keyed, but the chain's head is unsigned or missing (head replaced or deleted)");
        }
        Object atHead = head == first - 1 ? checkpointHash : walked.headHash();
        if (!Objects.equals(atHead, signed.get("hash"))) {
            return new Document("seq", head).append("problem", "not the entry the signed head names (replaced, or the chain rolled back)");
        }
        return null;
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
        Iterator<? extends Map<String, Object>> entries = logs.readKeyRange(localId(from), to, BATCH);
        try {
            while (entries.hasNext()) {
                Map<String, Object> entry = entries.next();
                String key = Keys.local((String) entry.get("_id"), logs.tenant());
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

    /**
     * What walking the chain found before the head is checked: the first break (null: none), the
     * entries checked and counted, the first keyed {@code seq} (0: none), how many were unkeyed,
     * the hash of the signed head's entry and of the last entry checked.
     */
    private record Walked(Document broken, long checked, long total, long keyedFrom, long unkeyed, Object headHash,
                          Object lastHash) {
    }

    /** The parts in order: the first break, link, downgrade or gap, else the whole chain's count. */
    private static Walked join(List<ChainWalk.Part> parts, long first, Object prev, boolean keyed, long head) {
        long highest = head;
        for (ChainWalk.Part part : parts) {
            highest = Math.max(highest, part.highest());
        }
        long keyedFrom = 0;
        long unkeyed = 0;
        Object headHash = null;
        for (int i = 0; i < parts.size(); i++) {
            ChainWalk.Part part = parts.get(i);
            Document problem = null;
            if (part.linkPending() && !Objects.equals(part.firstPrev(), prev)) {
                problem = breakAt(part.first(), "not linked to entry " + (part.first() - 1) + " (reordered or replaced)");
            } else if (keyed && part.firstUnkeyed() != 0) {
                problem = breakAt(part.firstUnkeyed(), "unkeyed after keyed entries (downgraded: re-hashed without the key)");
            }
            if (problem == null) {
                unkeyed += part.unkeyed();
                keyedFrom = keyedFrom == 0 ? part.keyedFrom() : keyedFrom;
                keyed |= part.keyedFrom() != 0;
                headHash = part.watchedHash() != null ? part.watchedHash() : headHash;
                boolean last = i == parts.size() - 1;
                problem = part.broken() != null ? part.broken()
                        : (last ? part.next() <= highest : part.next() < part.end()) ? breakAt(part.next(), "missing (deleted)") : null;
            }
            if (problem != null) {
                long seq = problem.get("seq", Number.class).longValue();
                return new Walked(problem, seq - first, Math.max(highest, seq), keyedFrom, unkeyed, headHash, null);
            }
            prev = part.lastHash();
        }
        long checked = parts.get(parts.size() - 1).next() - first;
        return new Walked(null, checked, checked, keyedFrom, unkeyed, headHash, prev);
    }

    private static Document breakAt(long seq, String problem) {
        return new Document("seq", seq).append("problem", problem);
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

    /** What a head signature covers: tenant, seq and hash (the prefix keeps it from passing for another signature). */
    static String headText(String tenant, long seq, Object hash) {
        return "audit-head|" + tenant + "|" + seq + "|" + hash;
    }

    /** What a retention checkpoint's signature covers; a keyed one says so (checkpoints signed before keyed chains do not). */
    static String checkpointText(String tenant, long seq, Object hash, boolean keyed) {
        return "audit-checkpoint|" + tenant + "|" + seq + "|" + hash + (keyed ? "|" + AuditKeys.KEYED : "");
    }

    /** A verification that stopped at the head or checkpoint, before reading entries. */
    private static Document refused(long seq, long head, String headState, String problem) {
        return result(false, 0, head, breakAt(seq, problem)).append("keyed_from", null).append("unkeyed", 0L).append("head", headState);
    }

    /**
     * {@code {valid, checked, entries, first_broken, keyed_from, unkeyed, head, last_seq, last_hash, note}}:
     * {@code keyed_from} the first keyed {@code seq} (null: none), {@code unkeyed} how many entries
     * checked are unkeyed, {@code head} signed, unsigned or none, and the {@code note} on unkeyed entries.
     */
    private static Document report(Walked walked, Document broken, long first, String headState) {
        boolean valid = broken == null;
        Document report = result(valid, walked.checked(), walked.total(), broken)
                .append("keyed_from", walked.keyedFrom() == 0 ? null : walked.keyedFrom())
                .append("unkeyed", walked.unkeyed()).append("head", headState);
        if (valid && walked.checked() > 0) {
            report.append("last_seq", first + walked.checked() - 1).append("last_hash", walked.lastHash());
        }
        return report.append("note", unkeyedNote(walked, first));
    }

    private static String unkeyedNote(Walked walked, long first) {
        if (walked.unkeyed() == 0) {
            return null;
        }
        String worth = "protected against accidental change only, not against someone who can write to the database";
        if (walked.keyedFrom() == 0) {
            return String.format(Locale.ROOT, "%,d entries are unkeyed (plain SHA-256, written before the chain was keyed): they are %s;"
                    + " entries appended from now on are keyed", walked.unkeyed(), worth);
        }
        return String.format(Locale.ROOT, "entries %d to %d are unkeyed (plain SHA-256, written before the chain was keyed): on their"
                + " own they would be %s; the keyed part starts at seq %d, and its first entry's keyed link pins them too",
                first, walked.keyedFrom() - 1, worth, walked.keyedFrom());
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
