package dev.parley.store;

import org.bson.Document;

import java.time.Duration;
import java.util.Objects;

/**
 * An index a feature declares in code. Every key starts with {@code organization_id}, so each
 * index serves one tenant's queries and the collections stay shard-ready.
 *
 * <p>TTL indexes can be declared for real MongoDB, but the embedded server ignores them (and a
 * TTL index must be single-field, which clashes with "organization_id first"), so retention is to
 * be enforced by an in-app sweeper (the retention issue).
 */
public record IndexSpec(String collection, String name, Document keys, boolean unique, boolean sparse,
                        Document partialFilter, Duration ttl) {

    public IndexSpec {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(name, "name");
        if (keys == null || keys.isEmpty() || !ScopedCollection.TENANT_FIELD.equals(keys.keySet().iterator().next())) {
            throw new IllegalArgumentException("index " + collection + "." + name + " must start with organization_id");
        }
    }

    /** An ascending index on {@code organization_id} followed by {@code fields} (prefix "-" for descending). */
    public static IndexSpec on(String collection, String name, String... fields) {
        Document keys = new Document(ScopedCollection.TENANT_FIELD, 1);
        for (String field : fields) {
            if (field.startsWith("-")) {
                keys.append(field.substring(1), -1);
            } else if (field.startsWith("$text:")) {
                keys.append(field.substring(6), "text");
            } else {
                keys.append(field, 1);
            }
        }
        return new IndexSpec(collection, name, keys, false, false, null, null);
    }

    public IndexSpec asUnique() {
        return new IndexSpec(collection, name, keys, true, sparse, partialFilter, ttl);
    }

    public IndexSpec asSparse() {
        return new IndexSpec(collection, name, keys, unique, true, partialFilter, ttl);
    }

    public IndexSpec partial(Document filter) {
        return new IndexSpec(collection, name, keys, unique, sparse, filter, ttl);
    }

    public IndexSpec expireAfter(Duration after) {
        return new IndexSpec(collection, name, keys, unique, sparse, partialFilter, after);
    }

    /** A one-line description for init-db output. */
    public String describe() {
        StringBuilder text = new StringBuilder(collection).append('.').append(name).append(' ').append(keys.toJson());
        if (unique) {
            text.append(" unique");
        }
        if (sparse) {
            text.append(" sparse");
        }
        if (partialFilter != null) {
            text.append(" partial ").append(partialFilter.toJson());
        }
        if (ttl != null) {
            text.append(" ttl ").append(ttl.toSeconds()).append('s');
        }
        return text.toString();
    }
}
