package dev.parley.analytics;

import dev.parley.retention.ExpiredDocuments;
import dev.parley.retention.RetainedCollection;
import dev.parley.retention.RetainedData;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Retention of the analytics collections: raw points ({@code analytics}) by {@code timestamp},
 * rollups ({@code analytics_rollups}) by {@code day}. Neither belongs to a conversation; both are
 * stamped with {@code expire_at} when written (points once, rollups on insert).
 */
public final class AnalyticsRetention implements RetainedData {

    private final MongoStore store;
    private final RetainedCollection key;
    private final String collection;
    private final String dateField;

    private AnalyticsRetention(MongoStore store, RetainedCollection key, String collection, String dateField) {
        this.store = store;
        this.key = key;
        this.collection = collection;
        this.dateField = dateField;
    }

    /** Raw metric points. */
    public static AnalyticsRetention points(MongoStore store) {
        return new AnalyticsRetention(store, RetainedCollection.ANALYTICS, MetricWriter.POINTS, "timestamp");
    }

    /** Daily rollups. */
    public static AnalyticsRetention rollups(MongoStore store) {
        return new AnalyticsRetention(store, RetainedCollection.ANALYTICS_ROLLUPS, Rollups.ROLLUPS, "day");
    }

    @Override
    public RetainedCollection policyKey() {
        return key;
    }

    @Override
    public long expire(String tenant, Instant cutoff, List<String> heldConversations, boolean dryRun) {
        return ExpiredDocuments.delete(scoped(tenant), new Document(dateField, new Document("$lt", Date.from(cutoff))), dryRun, null);
    }

    @Override
    public void clearExpiry(String tenant) {
        scoped(tenant).updateMany(new Document("expire_at", new Document("$exists", true)),
                new Document("$unset", new Document("expire_at", "")));
    }

    private ScopedCollection scoped(String tenant) {
        return store.scoped(tenant, collection);
    }
}
