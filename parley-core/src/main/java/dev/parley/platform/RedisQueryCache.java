package dev.parley.platform;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Entries under {@code parley:cache:<key>#<generation of each tag>}; invalidating a tag
 * increments its generation, so the entries written under the old one are never read again and
 * expire by their TTL. Prefix invalidation walks the keys with SCAN (never KEYS, which blocks
 * Redis). A cache that cannot answer is a miss, never a failed request.
 */
final class RedisQueryCache implements QueryCache {

    private static final Logger log = LoggerFactory.getLogger(RedisQueryCache.class);
    private static final String PREFIX = RedisPlatform.PREFIX + "cache:";
    private static final String GENERATION = RedisPlatform.PREFIX + "tag:";

    private final RedisConnections redis;

    RedisQueryCache(RedisConnections redis) {
        this.redis = redis;
    }

    @Override
    public Optional<String> get(String key, Collection<String> tags) {
        try {
            return Optional.ofNullable(redis.call(c -> c.sync().get(versioned(key, tags))));
        } catch (PlatformUnavailableException e) {
            log.debug("query cache unavailable, reading through: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String value, Duration ttl, Collection<String> tags) {
        try {
            redis.call(c -> c.sync().set(versioned(key, tags), value, SetArgs.Builder.px(ttl.toMillis())));
        } catch (PlatformUnavailableException e) {
            log.debug("query cache unavailable, not cached: {}", e.getMessage());
        }
    }

    @Override
    public void invalidateTag(String tag) {
        redis.call(c -> c.sync().incr(GENERATION + tag));
    }

    @Override
    public long invalidatePrefix(String prefix) {
        ScanArgs match = ScanArgs.Builder.matches(PREFIX + escapeGlob(prefix) + "*").limit(500);
        return redis.call(c -> {
            long removed = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.sync().scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    removed += c.sync().unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return removed;
        });
    }

    private String versioned(String key, Collection<String> tags) {
        StringBuilder versioned = new StringBuilder(PREFIX).append(key);
        if (!tags.isEmpty()) {
            List<KeyValue<String, String>> generations = redis.call(c -> c.sync().mget(tags.stream().map(t -> GENERATION + t)
                    .toArray(String[]::new)));
            for (KeyValue<String, String> generation : generations) {
                versioned.append('#').append(generation.getValueOrElse("0"));
            }
        }
        return versioned.toString();
    }

    private static String escapeGlob(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
