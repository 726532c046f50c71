package dev.parley.events;

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
 * Retention of {@code events}, dated by {@code created_at}; a conversation's events are those of
 * the {@code conversation} aggregate of that id. Events are never rewritten once appended, so
 * clearing {@code expire_at} races nothing but an append, which stamps from the policy it sees.
 */
public final class EventRetention implements RetainedData {

    private final MongoStore store;

    public EventRetention(MongoStore store) {
        this.store = store;
    }

    @Override
    public RetainedCollection policyKey() {
        return RetainedCollection.EVENTS;
    }

    @Override
    public boolean belongsToConversations() {
        return true;
    }

    @Override
    public long expire(String tenant, Instant cutoff, List<String> heldConversations, boolean dryRun) {
        Document filter = new Document("created_at", new Document("$lt", Date.from(cutoff)));
        if (!heldConversations.isEmpty()) {
            filter.append("$nor", List.of(ofConversations(heldConversations)));
        }
        return ExpiredDocuments.delete(events(tenant), filter, dryRun, null);
    }

    @Override
    public void clearExpiry(String tenant, List<String> conversations) {
        events(tenant).updateMany(ofConversations(conversations), new Document("$unset", new Document("expire_at", "")));
    }

    @Override
    public void clearExpiry(String tenant) {
        events(tenant).updateMany(new Document("expire_at", new Document("$exists", true)),
                new Document("$unset", new Document("expire_at", "")));
    }

    private static Document ofConversations(List<String> conversations) {
        return new Document("aggregate_type", "conversation").append("aggregate_id", new Document("$in", conversations));
    }

    private ScopedCollection events(String tenant) {
        return store.scoped(tenant, EventStore.EVENTS);
    }
}
