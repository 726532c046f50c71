package dev.parley.retention;

import java.util.Arrays;
import java.util.Optional;

/**
 * The entries of a retention policy: the collections Parley expires, by name (the keys of the
 * API's {@code days}), and seed 000's default retention (plus raw webhooks and rollups, which the
 * seed does not have). How each collection's documents are dated and deleted is its owner's
 * business ({@link RetainedData}).
 */
public enum RetainedCollection {
    MESSAGES("messages", 90, true),
    AUDIT_LOGS("audit_logs", 365, false),
    ANALYTICS("analytics", 180, true),
    EVENTS("events", 365, true),
    RAW_WEBHOOKS("raw_webhooks", 30, false),
    ANALYTICS_ROLLUPS("analytics_rollups", 730, true);

    public static final int MAX_DAYS = 3_650;

    private final String collection;
    private final int defaultDays;
    private final boolean stampsExpiry;

    RetainedCollection(String collection, int defaultDays, boolean stampsExpiry) {
        this.collection = collection;
        this.defaultDays = defaultDays;
        this.stampsExpiry = stampsExpiry;
    }

    public String collection() {
        return collection;
    }

    public int defaultDays() {
        return defaultDays;
    }

    /**
     * Whether the owner stamps each document with an {@code expire_at} from this entry
     * ({@link RetentionPolicies#expiry}), for a TTL index on real MongoDB. Audit entries are not
     * stamped (deleting them out of order would break the hash chain, so their owner removes them
     * oldest first behind a signed checkpoint), nor raw webhooks: only the sweeper removes those.
     */
    public boolean stampsExpiry() {
        return stampsExpiry;
    }

    public static Optional<RetainedCollection> named(String name) {
        return Arrays.stream(values()).filter(c -> c.collection.equals(name)).findFirst();
    }
}
