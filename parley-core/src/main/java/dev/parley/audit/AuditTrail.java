package dev.parley.audit;

import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import dev.parley.store.IndexSpec;
import dev.parley.store.ScopedCollection;
import dev.parley.store.TenantCollections;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.parley.erasure.PersonalDataEraser;
import java.util.HashMap;
import java.util.Optional;

/**
 * Seed 000's audit log ({@code log_action}, {@code get_user_activity},
 * {@code get_resource_history}) for one tenant, as a tamper-evident hash chain: every entry has a
 * gap-free {@code seq}, the {@code prev_hash} of the entry before it and its own {@code hash}, keyed
 * with a secret that never lives in the database ({@link AuditKeys}), and the tenant's head is
 * signed; {@link #verify} finds an edited, deleted, reordered or forged entry and a cut tail.
 */
public final class AuditTrail {

    public static final Set<String> ACTIONS = Set.of("create", "update", "delete", "view", "execute");
    public static final int MAX_LIMIT = 1_000;
    public static final int MAX_BATCH = 1_000;
    private static final List<String> FIELDS = List.of("user_id", "action", "resource_type", "resource_id", "changes",
            "ip_address", "user_agent");

    private final String tenant;
    private final ScopedCollection logs;
    private final ScopedCollection heads;
    private final AuditWriter writer;

    private final AuditKeys keys;

    public AuditTrail(TenantCollections collections, AuditWriter writer, AuditKeys keys) {
        this.tenant = collections.tenant();
        this.keys = keys;
        this.logs = collections.open(AuditWriter.LOGS);
        this.heads = collections.open(AuditWriter.HEADS);
        this.writer = writer;
    }

    /** This feature's part of a contact's erasure: redacted entries are sealed, never re-hashed. */
    public PersonalDataEraser eraser() {
        return new AuditEraser(logs, keys);
    }

    public static List<IndexSpec> indexes() {
        String c = AuditWriter.LOGS;
        return List.of(IndexSpec.on(c, "organization_id_created_at", "created_at"), // seed 000
                IndexSpec.on(c, "organization_id_user_id", "user_id"), // seed 000
                IndexSpec.on(c, "organization_id_action", "action"), // seed 000
                IndexSpec.on(c, "organization_id_resource_id_created_at", "resource_id", "-created_at"),
                IndexSpec.on(c, "organization_id_seq_unique", "seq").asUnique());
    }

    /** Seed 000's {@code log_action}: appends an entry and returns it with its {@code seq} and {@code hash}. */
    public Document log(Document input) {
        return writer.append(tenant, entry(input));
    }

    /** Appends up to {@value #MAX_BATCH} entries consecutively in one durable write; all are checked first. */
    public List<Document> logAll(List<Document> inputs) {
        if (inputs.isEmpty() || inputs.size() > MAX_BATCH) {
            throw new InvalidInputException("audit_logs", "must hold 1 to " + MAX_BATCH + " entries");
        }
        List<Document> entries = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            try {
                entries.add(entry(inputs.get(i)));
            } catch (InvalidInputException e) {
                throw inputs.size() == 1 ? e : new InvalidInputException("[" + i + "]." + e.field(), e.reason());
            }
        }
        return writer.appendAll(tenant, entries);
    }

    /**
     * Appends the entry of one step of a composite operation, marked with the operation's id, so
     * that a retry after a crash can find it ({@link #findByOperation}) instead of appending it again.
     */
    public Document logForOperation(Document input, String operationId) {
        return writer.append(tenant, entry(input).append("operation_id", operationId));
    }

    /** The entry a composite operation appended for {@code resourceId}, if any (a scan: for recovery only). */
    public Optional<Document> findByOperation(String resourceId, String operationId) {
        return Optional.ofNullable(logs.find(new Document("resource_id", resourceId).append("operation_id", operationId)).first())
                .map(AuditChain::view);
    }

    private static Document entry(Document input) {
        Document in = InputFields.canonical(input, Map.of());
        for (String field : in.keySet()) {
            if (!FIELDS.contains(field)) {
                // an audit entry says exactly what happened: nothing is dropped or moved silently
                throw new InvalidInputException(field, "is not a field of an audit entry (" + String.join(", ", FIELDS) + ")");
            }
        }
        Document entry = new Document("user_id", InputFields.string(in, "user_id", true, 256))
                .append("action", InputFields.oneOf(in, "action", ACTIONS, null))
                .append("resource_type", InputFields.string(in, "resource_type", true, 64))
                .append("resource_id", InputFields.string(in, "resource_id", false, 256));
        Object changes = in.get("changes");
        if (changes != null) {
            if (!(changes instanceof Document document) || !Set.of("before", "after").containsAll(document.keySet())) {
                throw new InvalidInputException("changes", "must be an object with only \"before\" and \"after\"");
            }
            entry.append("changes", changes);
        }
        entry.append("ip_address", InputFields.string(in, "ip_address", false, 64))
                .append("user_agent", InputFields.string(in, "user_agent", false, 1024))
                .append("actor", AuditActor.current().toDocument()) // who wrote it, whoever user_id names
                .append("created_at", new Date());
        return entry;
    }

    /** Entries matching the given fields (null = any), newest first; {@code beforeSeq} continues a page. */
    public List<Document> find(Document fields, Instant from, Instant to, Long beforeSeq, int limit) {
        checkLimit(limit);
        Document filter = new Document();
        fields.forEach((name, value) -> {
            if (value != null) {
                filter.append(name, value);
            }
        });
        Document created = new Document();
        if (from != null) {
            created.append("$gte", Date.from(from));
        }
        if (to != null) {
            created.append("$lt", Date.from(to));
        }
        if (!created.isEmpty()) {
            filter.append("created_at", created);
        }
        if (beforeSeq != null) {
            filter.append("seq", new Document("$lt", beforeSeq));
        }
        List<Document> found = logs.find(filter).sort(new Document("seq", -1)).limit(limit).into(new ArrayList<>());
        return found.stream().map(AuditChain::view).toList();
    }

    /** Seed 000's {@code get_user_activity(user_id, days=7, limit=100)}. */
    public List<Document> userActivity(String userId, int days, int limit) {
        if (days < 1 || days > 3_660) {
            throw new InvalidInputException("days", "must be between 1 and 3660");
        }
        return find(new Document("user_id", userId), Instant.now().minus(Duration.ofDays(days)), null, null, limit);
    }

    /** Seed 000's {@code get_resource_history(resource_id, limit=50)}. */
    public List<Document> resourceHistory(String resourceId, int limit) {
        return find(new Document("resource_id", resourceId), null, null, null, limit);
    }

    /**
     * {@code {valid, checked, entries, first_broken: {seq, problem}, keyed_from, unkeyed, head, note}}
     * (and {@code last_seq}, {@code last_hash} when valid); {@code entries} counts up to the chain's
     * head, {@code unkeyed} the entries written before chains were keyed, which the {@code note}
     * explains.
     */
    public Document verify() {
        return AuditChain.verify(logs, heads, keys, AuditChain.MIN_PART);
    }

    /**
     * {@link #verify}, then whether the chain still holds each of this tenant's {@code checkpoints}
     * (taken earlier with {@link #checkpoint} and kept outside the database): adds
     * {@code checkpoints: {matched, expired}}, and is broken at the first one it no longer holds.
     */
    public Document verify(List<AuditCheckpoint> checkpoints) {
        return CheckpointCheck.check(verify(), checkpoints, logs, heads, keys);
    }

    /**
     * A signed checkpoint of the chain's last entry as {@code verified} (a {@link #verify} report)
     * found it, taken at {@code time}; empty when that chain was broken or had no entries.
     */
    public Optional<AuditCheckpoint> checkpoint(Document verified, Instant time) {
        if (!verified.getBoolean("valid") || !(verified.get("last_seq") instanceof Number seq)) {
            return Optional.empty();
        }
        String hash = verified.getString("last_hash");
        return Optional.of(new AuditCheckpoint(tenant, seq.longValue(), hash, time,
                keys.sign(AuditCheckpoint.text(tenant, seq.longValue(), hash, time))));
    }

    /** {@link #verify} with parts of at least {@code minPart} entries, so tests can cut a short chain. */
    Document verify(long minPart) {
        return AuditChain.verify(logs, heads, keys, minPart);
    }

    /**
     * Retention: deletes the chain's entries created before {@code cutoff}, oldest first and never
     * the newest (the chain continues from it), after recording a signed checkpoint of the last one
     * deleted, from which {@link #verify} starts. Returns how many went (or would go, dry run).
     */
    public long expireBefore(Instant cutoff, boolean dryRun) {
        long head = AuditChain.headSeq(heads);
        long seq = AuditChain.checkpointSeq(heads) + 1;
        List<String> doomed = new ArrayList<>();
        Document last = null;
        walk:
        while (seq < head) {
            List<String> ids = new ArrayList<>();
            for (long s = seq; s < Math.min(head, seq + 1_000); s++) {
                ids.add(AuditChain.localId(s));
            }
            Map<Object, Document> byKey = new HashMap<>();
            logs.getAll(ids).forEach(d -> byKey.put(d.get("_id"), d));
            for (String id : ids) {
                Document entry = byKey.get(logs.key(id));
                if (entry == null || !entry.getDate("created_at").toInstant().isBefore(cutoff)) {
                    break walk;
                }
                doomed.add(id);
                last = entry;
                seq++;
            }
        }
        if (dryRun || last == null) {
            return doomed.size();
        }
        AuditChain.writeCheckpoint(heads, keys, last);
        heads.awaitDurable(); // the checkpoint first: a crash mid-deletion leaves entries verify skips, never a gap
        logs.deleteByKeys(doomed);
        logs.awaitDurable();
        return doomed.size();
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }
}
