package dev.parley.migrations;

import dev.parley.conversations.Conversations;
import dev.parley.store.MongoStore;
import org.bson.Document;

import java.util.List;

/**
 * Seed 004 requires {@code agent_id}: conversations a message or status created on the fly before
 * Parley gave them {@link Conversations#UNASSIGNED} get it now, in every tenant. Idempotent.
 */
final class ConversationsAgentAssigned implements Migration {

    @Override
    public String id() {
        return "0003-conversations-agent-unassigned";
    }

    @Override
    public String description() {
        return "seed 004: agent_id \"" + Conversations.UNASSIGNED + "\" on conversations created on the fly without one";
    }

    @Override
    public long up(MongoStore store) {
        Document missing = new Document("$or", List.of(new Document("agent_id", new Document("$exists", false)),
                new Document("agent_id", null)));
        return store.platform(Conversations.COLLECTION).updateMany(missing,
                new Document("$set", new Document("agent_id", Conversations.UNASSIGNED))).getModifiedCount();
    }
}
