package dev.parley.store;

import java.util.List;

/**
 * The collections of one tenant: whatever it opens is that tenant's {@link ScopedCollection}, so
 * code handed one cannot reach another tenant's documents.
 */
public final class TenantCollections {

    private final String tenant;
    private final MongoStore store;

    TenantCollections(String tenant, MongoStore store) {
        this.tenant = tenant;
        this.store = store;
    }

    public String tenant() {
        return tenant;
    }

    /** The collection {@code name}, confined to this tenant. */
    public ScopedCollection open(String name) {
        return store.scoped(tenant, name);
    }

    /** The names of the collections in the database (any tenant may have documents in any of them). */
    public List<String> names() {
        return store.collectionNames();
    }
}
