package dev.parley.audit;

import dev.parley.retention.RetainedCollection;
import dev.parley.retention.RetainedData;
import dev.parley.store.MongoStore;

import java.time.Instant;
import java.util.List;

/**
 * Retention of {@code audit_logs}: the chain's oldest entries go first, behind a signed
 * checkpoint ({@link AuditTrail#expireBefore}), never out of order, and never stamped with an
 * {@code expire_at} (a TTL index would delete them out of order); no conversation holds any.
 */
public final class AuditRetention implements RetainedData {

    private final MongoStore store;
    private final AuditWriter writer;
    private final AuditKeys keys;

    public AuditRetention(MongoStore store, AuditWriter writer, AuditKeys keys) {
        this.store = store;
        this.writer = writer;
        this.keys = keys;
    }

    @Override
    public RetainedCollection policyKey() {
        return RetainedCollection.AUDIT_LOGS;
    }

    @Override
    public long expire(String tenant, Instant cutoff, List<String> heldConversations, boolean dryRun) {
        return new AuditTrail(store.tenant(tenant), writer, keys).expireBefore(cutoff, dryRun);
    }
}
