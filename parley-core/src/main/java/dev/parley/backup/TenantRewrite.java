package dev.parley.backup;

import dev.parley.store.Keys;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

/**
 * A document of one tenant made another's (a restore {@code --into-tenant}): its
 * {@code organization_id} and seed 003's {@code tenant_id}, and its key when the key begins
 * with the tenant ({@code <tenant>|…}, as every tenant-owned key does).
 */
final class TenantRewrite {

    private TenantRewrite() {
    }

    static Document into(Document doc, String from, String to) {
        Document copy = new Document(doc);
        copy.put(ScopedCollection.TENANT_FIELD, to);
        if (from.equals(copy.get("tenant_id"))) {
            copy.put("tenant_id", to);
        }
        if (copy.get("_id") instanceof String key && key.startsWith(from + Keys.SEPARATOR)) {
            copy.put("_id", to + key.substring(from.length()));
        }
        return copy;
    }
}
