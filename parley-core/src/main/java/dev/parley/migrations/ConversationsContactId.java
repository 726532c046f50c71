package dev.parley.migrations;

import dev.parley.store.MongoStore;
import org.bson.Document;

/**
 * Seed 004's migration example: every conversation without a {@code contact_id} gets
 * {@code contact_id: null}, in every tenant. Idempotent: a second run finds none left.
 */
final class ConversationsContactId implements Migration {

    @Override
    public String id() {
        return "0001-conversations-contact-id";
    }

    @Override
    public String description() {
        return "seed 004: set contact_id to null on conversations that have none";
    }

    @Override
    public long up(MongoStore store) {
        return store.platform("conversations").updateMany(new Document("contact_id", new Document("$exists", false)),
                new Document("$set", new Document("contact_id", null))).getModifiedCount();
    }
}
