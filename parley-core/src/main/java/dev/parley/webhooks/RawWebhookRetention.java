package dev.parley.webhooks;

import dev.parley.retention.RetainedCollection;
import dev.parley.retention.RetainedData;

import java.time.Instant;
import java.util.List;

/**
 * Retention of {@code raw_webhooks}: a tenant's payloads (routed to it alone) by
 * {@code received_at}, never stamped with an {@code expire_at}; payloads that reached no single
 * tenant ({@link RawWebhooks#UNROUTED}) keep the default retention.
 */
public final class RawWebhookRetention implements RetainedData {

    private final RawWebhooks raw;

    public RawWebhookRetention(RawWebhooks raw) {
        this.raw = raw;
    }

    @Override
    public RetainedCollection policyKey() {
        return RetainedCollection.RAW_WEBHOOKS;
    }

    @Override
    public long expire(String tenant, Instant cutoff, List<String> heldConversations, boolean dryRun) {
        return raw.deleteBefore(tenant, cutoff, dryRun);
    }

    @Override
    public List<String> ownerlessScopes() {
        return List.of(RawWebhooks.UNROUTED);
    }
}
