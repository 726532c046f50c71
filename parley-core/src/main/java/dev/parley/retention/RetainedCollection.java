package dev.parley.retention;

import java.util.Arrays;
import java.util.Optional;

/**
 * The collections Parley expires, the field that dates their documents, and seed 000's default
 * retention (plus raw webhooks and rollups, which the seed does not have).
 */
public enum RetainedCollection {
    MESSAGES("messages", "created_at", 90),
    AUDIT_LOGS("audit_logs", "created_at", 365),
    ANALYTICS("analytics", "timestamp", 180),
    EVENTS("events", "created_at", 365),
    RAW_WEBHOOKS("raw_webhooks", "received_at", 30),
    ANALYTICS_ROLLUPS("analytics_rollups", "day", 730);

    public static final int MAX_DAYS = 3_650;

    private final String collection;
    private final String timeField;
    private final int defaultDays;

    RetainedCollection(String collection, String timeField, int defaultDays) {
        this.collection = collection;
        this.timeField = timeField;
        this.defaultDays = defaultDays;
    }

    public String collection() {
        return collection;
    }

    public String timeField() {
        return timeField;
    }

    public int defaultDays() {
        return defaultDays;
    }

    /**
     * Whether documents carry an {@code expire_at} for a TTL index on real MongoDB. Audit entries
     * do not: deleting them out of order would break the hash chain, so only the sweeper removes
     * them, oldest first, behind a signed checkpoint.
     */
    public boolean stampsExpiry() {
        return this != AUDIT_LOGS && this != RAW_WEBHOOKS;
    }

    /**
     * The documents of this collection that belong to the given conversations (a legal hold keeps
     * them): messages by {@code conversation_id}, events of conversation aggregates; null for a
     * collection whose documents belong to no conversation.
     */
    org.bson.Document ofConversations(java.util.List<String> conversations) {
        return switch (this) {
            case MESSAGES -> new org.bson.Document("conversation_id", new org.bson.Document("$in", conversations));
            case EVENTS -> new org.bson.Document("aggregate_type", "conversation")
                    .append("aggregate_id", new org.bson.Document("$in", conversations));
            default -> null;
        };
    }

    public static Optional<RetainedCollection> named(String name) {
        return Arrays.stream(values()).filter(c -> c.collection.equals(name)).findFirst();
    }
}
