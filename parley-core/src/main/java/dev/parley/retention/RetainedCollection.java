package dev.parley.retention;

import org.bson.Document;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The collections Parley expires, the field that dates their documents, and seed 000's default
 * retention (plus raw webhooks and rollups, which the seed does not have).
 *
 * <p>Messages are dated by {@code stored_at}, when Parley stored them, not by the {@code created_at}
 * they carry: an imported chat export from 2018 or a replayed old webhook is kept for the tenant's
 * whole window from the day it came in, as a business expects of what it just imported.
 * {@code created_at} stays the message's own time for display and history. A message stored
 * before {@code stored_at} existed has none and is dated by its {@code created_at}.
 */
public enum RetainedCollection {
    MESSAGES("messages", "stored_at", "created_at", 90),
    AUDIT_LOGS("audit_logs", "created_at", null, 365),
    ANALYTICS("analytics", "timestamp", null, 180),
    EVENTS("events", "created_at", null, 365),
    RAW_WEBHOOKS("raw_webhooks", "received_at", null, 30),
    ANALYTICS_ROLLUPS("analytics_rollups", "day", null, 730);

    public static final int MAX_DAYS = 3_650;

    private final String collection;
    private final String timeField;
    /** Dates a document that lacks {@link #timeField} (written before it existed); null when every document has it. */
    private final String legacyTimeField;
    private final int defaultDays;

    RetainedCollection(String collection, String timeField, String legacyTimeField, int defaultDays) {
        this.collection = collection;
        this.timeField = timeField;
        this.legacyTimeField = legacyTimeField;
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
     * The documents dated before {@code cutoff}. One filter on the time field (a scan on the
     * embedded server, as before; a range on the real server's {@code organization_id, <field>} index).
     */
    Document datedBefore(Instant cutoff) {
        Document before = new Document("$lt", Date.from(cutoff));
        if (legacyTimeField == null) {
            return new Document(timeField, before);
        }
        return new Document("$or", List.of(new Document(timeField, before),
                new Document(timeField, new Document("$exists", false)).append(legacyTimeField, before)));
    }

    /** When {@code doc} starts counting towards its retention; null when it carries no date. */
    public Date retainedFrom(Document doc) {
        Date date = doc.getDate(timeField);
        return date != null || legacyTimeField == null ? date : doc.getDate(legacyTimeField);
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
