package dev.parley.retention;

import dev.parley.Parley;
import dev.parley.audit.SystemAudit;
import dev.parley.store.IndexSpec;
import dev.parley.store.Keys;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import dev.parley.tenancy.Tenant;
import dev.parley.webhooks.RawWebhooks;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Deletes what each tenant's retention policy expired, in bounded batches, because the embedded
 * server has no TTL monitor (and on real MongoDB, to apply a policy to documents written before it
 * changed). Nothing of a tenant under legal hold is deleted, nor the messages and events of a
 * held conversation; audit entries go oldest first behind a signed checkpoint. Every deletion is
 * recorded in the tenant's audit chain.
 */
public final class RetentionSweeper {

    static final int BATCH = 1_000;

    private final Parley parley;
    private final MongoStore store;
    private final RetentionPolicies policies;
    private final Clock clock;

    public RetentionSweeper(Parley parley, MongoStore store, RetentionPolicies policies, Clock clock) {
        this.parley = parley;
        this.store = store;
        this.policies = policies;
        this.clock = clock;
    }

    /** Real MongoDB's TTL indexes, one per collection whose documents carry {@code expire_at}. */
    public static List<IndexSpec> indexes() {
        List<IndexSpec> all = new ArrayList<>();
        for (RetainedCollection c : RetainedCollection.values()) {
            if (c.stampsExpiry()) {
                all.add(IndexSpec.expiry(c.collection()));
            }
        }
        return all;
    }

    /** Every tenant, or the one named; {@code dryRun} counts without deleting. */
    public List<SweepRow> run(String onlyTenant, boolean dryRun) {
        Instant now = clock.instant();
        List<String> tenants = onlyTenant != null ? List.of(onlyTenant)
                : parley.tenants().list().stream().map(Tenant::organizationId).toList();
        List<SweepRow> rows = new ArrayList<>();
        for (String tenant : tenants) {
            rows.addAll(sweep(policies.get(tenant), now, dryRun));
        }
        if (onlyTenant == null) { // payloads no single tenant owns keep the default retention
            RetainedCollection raw = RetainedCollection.RAW_WEBHOOKS;
            Instant cutoff = now.minus(java.time.Duration.ofDays(raw.defaultDays()));
            rows.add(new SweepRow(RawWebhooks.UNROUTED, raw.collection(), raw.defaultDays(), cutoff,
                    parley.rawWebhooks().deleteBefore(RawWebhooks.UNROUTED, cutoff, dryRun), null));
        }
        return rows;
    }

    private List<SweepRow> sweep(RetentionPolicy policy, Instant now, boolean dryRun) {
        List<SweepRow> rows = new ArrayList<>();
        String tenant = policy.tenant();
        if (!policy.tenantHold() && !policy.heldConversations().isEmpty() && !dryRun) {
            policies.clearHeld(tenant, policy.heldConversations()); // in case another process stamped one meanwhile
        }
        for (RetainedCollection c : RetainedCollection.values()) {
            Instant cutoff = policy.cutoff(c, now);
            if (policy.tenantHold()) {
                rows.add(new SweepRow(tenant, c.collection(), policy.daysOf(c), cutoff, 0, "legal hold on the tenant"));
                continue;
            }
            long deleted = switch (c) {
                case AUDIT_LOGS -> parley.tenant(tenant).audit().expireBefore(cutoff, dryRun);
                case RAW_WEBHOOKS -> parley.rawWebhooks().deleteBefore(tenant, cutoff, dryRun);
                case MESSAGES -> deleteExpired(store.scoped(tenant, c.collection()), filter(c, cutoff, policy), dryRun,
                        parley.tenant(tenant).messages()::forgetDeleted);
                default -> deleteExpired(store.scoped(tenant, c.collection()), filter(c, cutoff, policy), dryRun, null);
            };
            String kept = !policy.heldConversations().isEmpty() && c.ofConversations(policy.heldConversations()) != null
                    ? "legal hold on " + policy.heldConversations().size() + " conversation(s)" : null;
            rows.add(new SweepRow(tenant, c.collection(), policy.daysOf(c), cutoff, deleted, kept));
            if (!dryRun && deleted > 0) {
                dev.parley.meters.ParleyMeters.retentionDeleted(c.collection(), deleted);
            }
            if (deleted > 0 && !dryRun) {
                parley.tenant(tenant).audit().log(new Document(SystemAudit.entry("delete", "retention", c.collection(), null))
                        .append("changes", new Document("before", new Document("documents", deleted)
                                .append("older_than", Date.from(cutoff)).append("days", policy.daysOf(c)))));
            }
        }
        return rows;
    }

    private static Document filter(RetainedCollection c, Instant cutoff, RetentionPolicy policy) {
        Document filter = c.datedBefore(cutoff);
        Document held = policy.heldConversations().isEmpty() ? null : c.ofConversations(policy.heldConversations());
        if (held != null) {
            filter.append("$nor", List.of(held));
        }
        return filter;
    }

    /**
     * One pass over the expired documents, deleted by key in batches of {@value #BATCH};
     * {@code beforeDelete} (when given) sees each batch whole first, e.g. to take messages out of
     * the search index (an index entry without its message is harmless, the reverse is not).
     */
    private long deleteExpired(ScopedCollection collection, Document filter, boolean dryRun,
                               java.util.function.Consumer<List<Document>> beforeDelete) {
        if (dryRun) {
            return collection.count(filter);
        }
        var found = collection.find(filter).batchSize(BATCH);
        return dev.parley.store.Batches.sum(beforeDelete == null ? found.projection(new Document("_id", 1)) : found, BATCH,
                batch -> delete(collection, batch, beforeDelete));
    }

    private long delete(ScopedCollection collection, List<Document> batch, java.util.function.Consumer<List<Document>> beforeDelete) {
        if (beforeDelete != null) {
            beforeDelete.accept(batch);
        }
        long deleted = collection.deleteByKeys(batch.stream().map(d -> Keys.local((String) d.get("_id"), collection.tenant())).toList());
        store.awaitDurable();
        return deleted;
    }
}
