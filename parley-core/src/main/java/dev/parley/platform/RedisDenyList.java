package dev.parley.platform;

import io.lettuce.core.SetArgs;

import java.time.Instant;

/** One key per revoked token digest, expiring when the token would have. */
final class RedisDenyList implements TokenDenyList {

    private static final String PREFIX = RedisPlatform.PREFIX + "denied:";

    private final RedisConnections redis;

    RedisDenyList(RedisConnections redis) {
        this.redis = redis;
    }

    @Override
    public void deny(String tokenDigest, Instant until) {
        if (until.isAfter(Instant.now())) {
            redis.call(c -> c.sync().set(PREFIX + tokenDigest, "1", SetArgs.Builder.pxAt(until.toEpochMilli())));
        }
    }

    @Override
    public boolean isDenied(String tokenDigest) {
        return redis.call(c -> c.sync().exists(PREFIX + tokenDigest)) > 0;
    }
}
