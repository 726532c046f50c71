package dev.parley.retention;

import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One tenant's retention: days kept per collection, and legal holds (the whole tenant, or some
 * conversations) under which nothing of theirs is deleted.
 */
public record RetentionPolicy(String tenant, Map<RetainedCollection, Integer> days, boolean tenantHold,
                              List<String> heldConversations, String holdReason, Date updatedAt) {

    public RetentionPolicy {
        days = new EnumMap<>(days);
        heldConversations = List.copyOf(heldConversations);
    }

    static RetentionPolicy defaults(String tenant) {
        Map<RetainedCollection, Integer> days = new EnumMap<>(RetainedCollection.class);
        for (RetainedCollection c : RetainedCollection.values()) {
            days.put(c, c.defaultDays());
        }
        return new RetentionPolicy(tenant, days, false, List.of(), null, null);
    }

    public int daysOf(RetainedCollection collection) {
        return days.get(collection);
    }

    /** Documents of {@code collection} dated before this are expired at {@code now}. */
    public Instant cutoff(RetainedCollection collection, Instant now) {
        return now.minus(Duration.ofDays(daysOf(collection)));
    }

    /** As the API shows it. */
    public Document toDocument() {
        Document days = new Document();
        this.days.forEach((c, d) -> days.append(c.collection(), d));
        return new Document("organization_id", tenant).append("days", days)
                .append("legal_hold", new Document("tenant", tenantHold).append("conversations", heldConversations)
                        .append("reason", holdReason))
                .append("updated_at", updatedAt);
    }
}
