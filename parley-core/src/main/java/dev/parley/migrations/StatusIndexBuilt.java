package dev.parley.migrations;

import dev.parley.messages.StatusIndex;
import dev.parley.store.MongoStore;

/**
 * Status lists and counts are read from the status index, which the message writer keeps from
 * then on; messages stored before it existed are listed by building it once, per tenant, from
 * the messages. Idempotent: a rebuild drops what was there first.
 */
final class StatusIndexBuilt implements Migration {

    @Override
    public String id() {
        return "0004-status-index-built";
    }

    @Override
    public String description() {
        return "build message_status_index (seed 002's status lists and counts by key) from the messages";
    }

    @Override
    public long up(MongoStore store) {
        long listed = 0;
        for (String tenant : store.documentsPerTenant(store.config().collectionName("messages")).keySet()) {
            if (tenant.equals("(none)")) {
                continue; // no tenant, no index
            }
            listed += StatusIndex.rebuild(store, tenant, read -> { });
        }
        return listed;
    }
}
