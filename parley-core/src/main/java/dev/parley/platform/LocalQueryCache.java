package dev.parley.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Tags are generation counters: an entry is stored under its tags' generations, so bumping one hides them all. */
final class LocalQueryCache implements QueryCache {

    private final ExpiringValues values = new ExpiringValues(Clock.systemUTC(), 50_000);
    private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key, Collection<String> tags) {
        return values.get(versioned(key, tags));
    }

    @Override
    public void put(String key, String value, Duration ttl, Collection<String> tags) {
        values.put(versioned(key, tags), value, ttl);
    }

    @Override
    public void invalidateTag(String tag) {
        generations.computeIfAbsent(tag, t -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public long invalidatePrefix(String prefix) {
        long n = 0;
        for (String key : values.keys()) {
            if (key.startsWith(prefix)) {
                values.delete(key);
                n++;
            }
        }
        return n;
    }

    private String versioned(String key, Collection<String> tags) {
        StringBuilder versioned = new StringBuilder(key);
        for (String tag : tags) {
            AtomicLong generation = generations.get(tag);
            versioned.append('#').append(generation == null ? 0 : generation.get());
        }
        return versioned.toString();
    }
}
