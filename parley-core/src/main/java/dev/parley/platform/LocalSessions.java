package dev.parley.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

final class LocalSessions implements SessionCache {

    private final ExpiringValues values;

    LocalSessions(Clock clock) {
        this.values = new ExpiringValues(clock, 100_000);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        values.put(key, value, ttl);
    }

    @Override
    public Optional<String> get(String key) {
        return values.get(key);
    }

    @Override
    public void delete(String key) {
        values.delete(key);
    }
}
