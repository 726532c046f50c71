package dev.parley.platform;

import java.time.Duration;
import java.util.Optional;

/** Seed 003's session cache: small per-user records that expire on their own (1 hour by default). */
public interface SessionCache {

    Duration DEFAULT_TTL = Duration.ofHours(1);

    void put(String key, String value, Duration ttl);

    Optional<String> get(String key);

    void delete(String key);
}
