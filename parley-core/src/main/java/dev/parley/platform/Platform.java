package dev.parley.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The shared services of seed 003's {@code redis_cache.py}: sessions, revoked tokens, query cache,
 * rate limits and locks. On Redis they are shared by every Parley instance that uses the same
 * Redis; without it they live in this process, which is right for one instance only.
 */
public interface Platform extends AutoCloseable {

    Logger LOG = LoggerFactory.getLogger(Platform.class);

    SessionCache sessions();

    TokenDenyList deniedTokens();

    QueryCache queryCache();

    RateLimiter rateLimiter();

    Locks locks();

    /** {@code healthy}, {@code unhealthy} (Redis configured but not answering) or {@code disabled} (no Redis). */
    PlatformHealth health();

    /** {@code redis} or {@code in-process}. */
    String mode();

    @Override
    void close();

    static Platform connect(PlatformConfig config) {
        return connect(config, Clock.systemUTC());
    }

    static Platform connect(PlatformConfig config, Clock clock) {
        if (config.usesRedis()) {
            LOG.info("platform services on Redis at {} (cache db {}, app db {}): shared by every instance using it",
                    config.redactedUrl(), config.cacheDatabase(), config.appDatabase());
            return new RedisPlatform(config);
        }
        LOG.info("platform services in process (no REDIS_URL): sessions, token revocation, rate limits and locks"
                + " hold for this one instance only; set REDIS_URL to run several");
        return new InProcessPlatform(clock);
    }
}
