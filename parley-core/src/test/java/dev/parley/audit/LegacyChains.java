package dev.parley.audit;

import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Writes a tenant's chain as Parley did before chains were keyed (plain SHA-256 entries without
 * {@code hash_alg}, a head counting {@code seq} only), for tests of what still verifies, here and
 * in the server's tests.
 */
public final class LegacyChains {

    private LegacyChains() {
    }

    /** Entries 1 to {@code n} of a new chain for {@code tenant}. */
    public static void write(MongoStore store, String tenant, int n) {
        ScopedCollection logs = store.scoped(tenant, AuditWriter.LOGS);
        String prev = null;
        List<Document> entries = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Document entry = new Document("user_id", "user-" + i % 3).append("action", "update").append("resource_type", "campaign")
                    .append("resource_id", "campaign-" + i).append("ip_address", "192.168.1." + i).append("user_agent", null)
                    .append("created_at", new Date()).append("organization_id", tenant).append("seq", (long) i)
                    .append("prev_hash", prev);
            entry.append("hash", AuditHash.of(entry));
            entry.put("_id", logs.key(AuditChain.localId(i)));
            prev = entry.getString("hash");
            entries.add(entry);
        }
        logs.insertAll(entries);
        store.scoped(tenant, AuditWriter.HEADS).updateByKey(AuditWriter.HEAD, new Document("$max", new Document("seq", (long) n)), true);
        store.awaitDurable();
    }
}
