package dev.parley.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Values that expire at their own instant, in this process (a Caffeine cache with per-entry expiry). */
final class ExpiringValues {

    private record Entry(String value, Instant expires) {
    }

    private final Clock clock;
    private final Cache<String, Entry> entries;

    ExpiringValues(Clock clock, long maximumSize) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).ticker(Ticker.systemTicker())
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long now) {
                        return nanosLeft(entry);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                        return nanosLeft(entry);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long now, long current) {
                        return current;
                    }
                }).build();
    }

    private long nanosLeft(Entry entry) {
        return Math.max(0, Duration.between(clock.instant(), entry.expires()).toNanos());
    }

    void put(String key, String value, Duration ttl) {
        entries.put(key, new Entry(value, clock.instant().plus(ttl)));
    }

    void putUntil(String key, String value, Instant until) {
        entries.put(key, new Entry(value, until));
    }

    /** The value unless it expired (checked against the clock too, so a test's clock decides). */
    Optional<String> get(String key) {
        Entry entry = entries.getIfPresent(key);
        if (entry == null || !entry.expires().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    void delete(String key) {
        entries.invalidate(key);
    }

    Set<String> keys() {
        return entries.asMap().keySet();
    }
}
