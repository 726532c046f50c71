package dev.parley.store;

import org.bson.Document;

import java.time.Duration;
import java.util.Objects;

/**
 * An index a feature declares in code. Every key starts with {@code organization_id}, so each
 * index serves one tenant's queries and the collections stay shard-ready.
 *
 * <p>The one exception is a TTL index ({@link #expiry}): MongoDB's TTL monitor needs a
 * single-field index, so it is on {@code expire_at} alone, which documents carry per their
 * tenant's policy. The embedded server ignores TTL indexes; the retention sweeper deletes there.
 */
public record IndexSpec(String collection, String name, Document keys, boolean unique, boolean sparse,
                        Document partialFilter, Duration ttl) {

    public IndexSpec {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(name, "name");
        boolean ttlOnOneField = ttl != null && keys != null && keys.size() == 1;
        if (!ttlOnOneField && (keys == null || keys.isEmpty() || !ScopedCollection.TENANT_FIELD.equals(keys.keySet().iterator().next()))) {
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

    /** A TTL index on {@code expire_at}: real MongoDB deletes each document at its own {@code expire_at}. */
    public static IndexSpec expiry(String collection) {
        return new IndexSpec(collection, "expire_at_ttl", new Document("expire_at", 1), false, false, null, Duration.ZERO);
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
