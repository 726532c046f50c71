package dev.parley.audit;

import dev.parley.erasure.CollectionWalk;
import dev.parley.erasure.ErasureSubject;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.erasure.Redaction;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Comparator;

/**
 * A contact's erasure in the tenant's audit chain: every value of an entry that names them is
 * replaced, and the entry is sealed ({@link AuditKeys#seal}) instead of re-hashed. Its
 * {@code hash} and {@code prev_hash} stay, so the chain still links, the signed head and the
 * checkpoints operators keep elsewhere still hold, and {@code audit verify} passes; the seal shows
 * the key's holder redacted it and keeps anyone else from changing it.
 */
public final class AuditEraser implements PersonalDataEraser {

    /** Fields an erasure never changes: the chain's own. */
    private static final List<String> CHAIN = List.of("_id", "organization_id", "seq", "hash", "prev_hash", AuditKeys.ALG_FIELD,
            "created_at", AuditKeys.REDACTED_FIELD);

    private final ScopedCollection logs;
    private final AuditKeys keys;

    AuditEraser(ScopedCollection logs, AuditKeys keys) {
        this.logs = logs;
        this.keys = keys;
    }

    @Override
    public List<String> collections() {
        return List.of(AuditWriter.LOGS);
    }

    @Override
    public List<CollectionCount> erase(ErasureSubject subject) {
        long[] changed = {0};
        CollectionWalk.matching(logs, entry -> Redaction.names(entry, subject.markers()), batch -> batch.forEach(entry -> {
            Document redacted = new Redaction(subject.markers()).document(entry, CHAIN);
            Document mark = new Document("at", Date.from(Instant.now())).append("erasure_id", subject.erasureId());
            redacted.put(AuditKeys.REDACTED_FIELD, mark);
            mark.append("seal", keys.seal(redacted));
            logs.replaceByKey(AuditChain.localId(((Number) entry.get("seq")).longValue()), redacted);
            changed[0]++;
        }));
        return List.of(new CollectionCount(AuditWriter.LOGS, changed[0]));
    }

    /** Entries that name them, and entries about their contact record (merges, an earlier erasure). */
    @Override
    public void export(ErasureSubject subject, Exported out) {
        CollectionWalk.matching(logs, entry -> subject.contactId().equals(entry.get("resource_id")) || Redaction.names(entry, subject.markers()),
                batch -> batch.stream().sorted(Comparator.comparingLong(e -> ((Number) e.get("seq")).longValue()))
                        .forEach(entry -> out.document(AuditWriter.LOGS, AuditChain.view(entry))));
    }

    @Override
    public List<CollectionCheck> check(ErasureSubject subject) {
        return List.of(CollectionWalk.count(logs, subject.markers()));
    }
}
