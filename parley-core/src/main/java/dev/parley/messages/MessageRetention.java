package dev.parley.messages;

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
 * Retention of {@code messages}, by the feature that writes them.
 *
 * <p>Messages are dated by {@code stored_at}, when Parley stored them, not by the {@code created_at}
 * they carry: an imported chat export from 2018 or a replayed old webhook is kept for the tenant's
 * whole window from the day it came in, as a business expects of what it just imported.
 * {@code created_at} stays the message's own time for display and history. A message stored
 * before {@code stored_at} existed has none and is dated by its {@code created_at}.
 *
 * <p>Clearing {@code expire_at} (a legal hold placed, a longer retention) follows the writer's
 * rules: it waits until the writes submitted before it have landed (they may have been computed
 * under the old policy), then clears, bumping {@code rev} like any other write to a message, so a
 * status write computed from the message as it was loses its race and is recomputed under the new
 * policy instead of bringing the old {@code expire_at} back.
 */
public final class MessageRetention implements RetainedData {

    static final String STORED_AT = "stored_at";
    private static final String LEGACY_DATE = "created_at";

    private final MongoStore store;
    private final MessageWriter writer;

    public MessageRetention(MongoStore store, MessageWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /** When {@code message} starts counting towards its retention; null when it carries no date. */
    static Date retainedFrom(Document message) {
        Date date = message.getDate(STORED_AT);
        return date != null ? date : message.getDate(LEGACY_DATE);
    }

    @Override
    public RetainedCollection policyKey() {
        return RetainedCollection.MESSAGES;
    }

    @Override
    public boolean belongsToConversations() {
        return true;
    }

    /** Out of the search index and the writer's memory before they go. */
    @Override
    public long expire(String tenant, Instant cutoff, List<String> heldConversations, boolean dryRun) {
        Document before = new Document("$lt", Date.from(cutoff));
        Document filter = new Document("$or", List.of(new Document(STORED_AT, before),
                new Document(STORED_AT, new Document("$exists", false)).append(LEGACY_DATE, before)));
        if (!heldConversations.isEmpty()) {
            filter.append("$nor", List.of(ofConversations(heldConversations)));
        }
        return ExpiredDocuments.delete(messages(tenant), filter, dryRun, stored -> writer.forgetDeleted(tenant, stored));
    }

    @Override
    public void clearExpiry(String tenant, List<String> conversations) {
        clear(tenant, ofConversations(conversations));
    }

    @Override
    public void clearExpiry(String tenant) {
        clear(tenant, new Document());
    }

    private void clear(String tenant, Document which) {
        writer.awaitEarlierWrites(); // what was computed under the policy before this call has landed, and is cleared too
        messages(tenant).updateMany(which.append("expire_at", new Document("$exists", true)),
                new Document("$unset", new Document("expire_at", "")).append("$inc", new Document("rev", 1L)));
    }

    private static Document ofConversations(List<String> conversations) {
        return new Document("conversation_id", new Document("$in", conversations));
    }

    private ScopedCollection messages(String tenant) {
        return store.scoped(tenant, MessageWriter.MESSAGES);
    }
}
