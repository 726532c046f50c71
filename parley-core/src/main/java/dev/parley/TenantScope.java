package dev.parley;

import dev.parley.documents.CollectionName;
import dev.parley.documents.DocumentCollection;
import dev.parley.store.MongoStore;
import dev.parley.tenancy.TenantSlug;

/** Everything one tenant may reach: {@code parley.tenant("acme").documents("notes")}. */
public final class TenantScope {

    private final String organizationId;
    private final MongoStore store;

    TenantScope(String organizationId, MongoStore store) {
        this.organizationId = TenantSlug.check(organizationId);
        this.store = store;
    }

    public String organizationId() {
        return organizationId;
    }

    /** A user collection of this tenant (seed 001's generic document helpers). */
    public DocumentCollection documents(String collection) {
        return new DocumentCollection(store.scoped(organizationId, CollectionName.stored(collection)));
    }
}
