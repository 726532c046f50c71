package dev.parley.platform;

import io.lettuce.core.SetArgs;

import java.time.Duration;
import java.util.Optional;

final class RedisSessions implements SessionCache {

    private static final String PREFIX = RedisPlatform.PREFIX + "session:";

    private final RedisConnections redis;

    RedisSessions(RedisConnections redis) {
        this.redis = redis;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        redis.call(c -> c.sync().set(PREFIX + key, value, SetArgs.Builder.px(ttl.toMillis())));
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(redis.call(c -> c.sync().get(PREFIX + key)));
    }

    @Override
    public void delete(String key) {
        redis.call(c -> c.sync().del(PREFIX + key));
    }
}
