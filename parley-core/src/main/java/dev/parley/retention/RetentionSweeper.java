package dev.parley.retention;

import dev.parley.meters.ParleyMeters;
import dev.parley.store.IndexSpec;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes what each tenant's retention policy expired (the embedded server has no TTL monitor,
 * and on real MongoDB, to apply a policy to documents written before it changed), by asking each
 * collection's owner ({@link RetainedData}) to expire what is older than the policy's cutoff.
 * Nothing of a tenant under legal hold is deleted, nor the documents of a held conversation; every
 * deletion is recorded in the tenant's audit chain.
 */
public final class RetentionSweeper {

    /** Every tenant's organization id, for a sweep over all of them. */
    @FunctionalInterface
    public interface TenantIds {
        List<String> all();
    }

    private final List<RetainedData> owners;
    private final RetentionPolicies policies;
    private final TenantIds tenants;
    private final RetentionAudit audit;
    private final Clock clock;

    /** {@code owners}: exactly one per policy entry ({@link RetainedCollection}); swept in the policy's order. */
    public RetentionSweeper(List<RetainedData> owners, RetentionPolicies policies, TenantIds tenants, RetentionAudit audit,
                            Clock clock) {
        Set<RetainedCollection> keys = EnumSet.noneOf(RetainedCollection.class);
        for (RetainedData owner : owners) {
            if (!keys.add(owner.policyKey())) {
                throw new IllegalArgumentException("two owners of " + owner.policyKey().collection());
            }
        }
        if (keys.size() != RetainedCollection.values().length) {
            throw new IllegalArgumentException("no owner of " + EnumSet.complementOf(EnumSet.copyOf(keys)));
        }
        this.owners = owners.stream().sorted(Comparator.comparing(RetainedData::policyKey)).toList();
        this.policies = policies;
        this.tenants = tenants;
        this.audit = audit;
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
        List<String> swept = onlyTenant != null ? List.of(onlyTenant) : tenants.all();
        List<SweepRow> rows = new ArrayList<>();
        for (String tenant : swept) {
            rows.addAll(sweep(policies.get(tenant), now, dryRun));
        }
        if (onlyTenant == null) { // documents no single tenant owns keep the default retention
            for (RetainedData owner : owners) {
                RetainedCollection c = owner.policyKey();
                Instant cutoff = now.minus(Duration.ofDays(c.defaultDays()));
                for (String scope : owner.ownerlessScopes()) {
                    rows.add(new SweepRow(scope, c.collection(), c.defaultDays(), cutoff,
                            owner.expire(scope, cutoff, List.of(), dryRun), null));
                }
            }
        }
        return rows;
    }

    private List<SweepRow> sweep(RetentionPolicy policy, Instant now, boolean dryRun) {
        List<SweepRow> rows = new ArrayList<>();
        String tenant = policy.tenant();
        List<String> held = policy.heldConversations();
        for (RetainedData owner : owners) {
            if (!policy.tenantHold() && !held.isEmpty() && !dryRun && owner.belongsToConversations()) {
                owner.clearExpiry(tenant, held); // in case another process stamped one meanwhile
            }
        }
        for (RetainedData owner : owners) {
            RetainedCollection c = owner.policyKey();
            Instant cutoff = policy.cutoff(c, now);
            if (policy.tenantHold()) {
                rows.add(new SweepRow(tenant, c.collection(), policy.daysOf(c), cutoff, 0, "legal hold on the tenant"));
                continue;
            }
            long deleted = owner.expire(tenant, cutoff, held, dryRun);
            String kept = !held.isEmpty() && owner.belongsToConversations()
                    ? "legal hold on " + held.size() + " conversation(s)" : null;
            rows.add(new SweepRow(tenant, c.collection(), policy.daysOf(c), cutoff, deleted, kept));
            if (!dryRun && deleted > 0) {
                ParleyMeters.retentionDeleted(c.collection(), deleted);
                audit.record(tenant, "delete", "retention", c.collection(), new Document("before", new Document("documents", deleted)
                        .append("older_than", Date.from(cutoff)).append("days", policy.daysOf(c))));
            }
        }
        return rows;
    }
}
