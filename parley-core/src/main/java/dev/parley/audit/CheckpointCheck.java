package dev.parley.audit;

import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Checks a verified chain against checkpoints taken earlier and kept outside the database: each
 * must carry Parley's signature, and the chain must still hold its entry, with its hash (or have
 * let retention delete it behind a later signed checkpoint).
 */
final class CheckpointCheck {

    private CheckpointCheck() {
    }

    /** {@code report} (from {@link AuditChain#verify}) with {@code checkpoints: {matched, expired}}, broken at the first one missed. */
    static Document check(Document report, List<AuditCheckpoint> checkpoints, ScopedCollection logs, ScopedCollection heads,
                          AuditKeys keys) {
        List<AuditCheckpoint> own = checkpoints.stream().filter(c -> c.organizationId().equals(logs.tenant()))
                .sorted(Comparator.comparingLong(AuditCheckpoint::seq)).toList();
        if (!report.getBoolean("valid")) {
            return report.append("checkpoints", summary(0, 0));
        }
        long last = report.get("last_seq") instanceof Number n ? n.longValue() : 0;
        long matched = 0;
        long expired = 0;
        for (AuditCheckpoint checkpoint : own) {
            String problem = null;
            long seq = checkpoint.seq();
            if (!keys.signed(AuditCheckpoint.text(checkpoint.organizationId(), seq, checkpoint.hash(), checkpoint.time()),
                    checkpoint.signature())) {
                problem = "checkpoint of " + checkpoint.time() + " not signed with this PARLEY_SECRET_KEY (edited, or another installation's)";
            } else if (seq > last) {
                problem = "missing: the chain ends at seq " + last + " but held seq " + seq + " at " + checkpoint.time()
                        + " (rolled back or cut)";
                seq = last + 1;
            } else {
                Object hash = stored(seq, logs, heads);
                if (hash == EXPIRED) {
                    expired++;
                    continue;
                }
                if (!Objects.equals(hash, checkpoint.hash())) {
                    problem = "not the entry checkpointed at " + checkpoint.time() + " (the chain was replaced since)";
                }
            }
            if (problem != null) {
                return report.append("valid", false).append("first_broken", new Document("seq", seq).append("problem", problem))
                        .append("checkpoints", summary(matched, expired));
            }
            matched++;
        }
        return report.append("checkpoints", summary(matched, expired));
    }

    private static final Object EXPIRED = new Object();

    /** The hash the chain holds at {@code seq}: the entry's, the retention checkpoint's, or {@link #EXPIRED} below it. */
    private static Object stored(long seq, ScopedCollection logs, ScopedCollection heads) {
        Document retained = heads.get(AuditChain.CHECKPOINT).orElse(null);
        long retainedSeq = AuditChain.checkpointSeq(heads);
        if (retained != null && seq <= retainedSeq) {
            return seq == retainedSeq ? retained.get("hash") : EXPIRED;
        }
        Object hash = logs.get(AuditChain.localId(seq)).map(entry -> entry.get("hash")).orElse(null);
        if (hash == null && seq <= AuditChain.checkpointSeq(heads)) {
            return EXPIRED; // retention deleted it while we were checking
        }
        return hash;
    }

    private static Document summary(long matched, long expired) {
        return new Document("matched", matched).append("expired", expired);
    }
}
