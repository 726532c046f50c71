package dev.parley.monitoring;

import dev.parley.store.TenantCollections;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One tenant's documents per collection, for the tenant's own dashboard: every count goes through
 * the tenant-scoped collection, so it can only ever count that tenant's documents. Collections
 * where the tenant has nothing are left out.
 */
public final class TenantDocumentCounts {

    private final TenantCollections tenantCollections;

    public TenantDocumentCounts(TenantCollections collections) {
        this.tenantCollections = collections;
    }

    /** {@code {"organization_id", "collections": [{"collection", "documents"}], "totals": {"collections", "documents"}}}. */
    public Document count() {
        String tenant = tenantCollections.tenant();
        List<Document> collections = new ArrayList<>();
        long documents = 0;
        for (String name : new TreeSet<>(tenantCollections.names())) {
            long count = tenantCollections.open(name).count(new Document());
            if (count > 0) {
                collections.add(new Document("collection", name).append("documents", count));
                documents += count;
            }
        }
        return new Document("organization_id", tenant).append("collections", collections)
                .append("totals", new Document("collections", collections.size()).append("documents", documents));
    }
}
