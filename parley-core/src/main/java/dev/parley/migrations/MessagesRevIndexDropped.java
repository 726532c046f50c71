package dev.parley.migrations;

import dev.parley.store.MongoStore;

/**
 * Optimistic message writes filter on {@code {_id, rev}} (a lookup by key on both servers), so
 * the unique index on {@code (organization_id, message_id, rev)} they used to need is dropped:
 * it changed with every status update and cost the embedded store a third more pages per write.
 * Idempotent: a second run finds it gone.
 */
final class MessagesRevIndexDropped implements Migration {

    static final String INDEX = "organization_id_message_id_rev_unique";

    @Override
    public String id() {
        return "0002-messages-rev-index-dropped";
    }

    @Override
    public String description() {
        return "drop messages." + INDEX + ": optimistic writes look messages up by _id";
    }

    @Override
    public long up(MongoStore store) {
        return store.indexes().drop("messages", INDEX) ? 1 : 0;
    }
}
