package dev.parley.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Results of read queries, kept for a while. Entries carry tags (e.g. {@code analytics:acme}); a
 * write that changes what a tag covers invalidates the tag, and every entry under it is gone at
 * once, however many there are. Keys can also be dropped by prefix.
 */
public interface QueryCache {

    Optional<String> get(String key, Collection<String> tags);

    void put(String key, String value, Duration ttl, Collection<String> tags);

    void invalidateTag(String tag);

    /** The cached value of {@code key}, or what {@code compute} answers, then cached for {@code ttl}. */
    default String getOrCompute(String key, Duration ttl, Collection<String> tags, Supplier<String> compute) {
        return get(key, tags).orElseGet(() -> {
            String value = compute.get();
            put(key, value, ttl, tags);
            return value;
        });
    }

    /** Drops every entry whose key starts with {@code prefix}; returns how many went. */
    long invalidatePrefix(String prefix);
}
