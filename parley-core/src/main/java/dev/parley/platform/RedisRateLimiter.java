package dev.parley.platform;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import io.github.bucket4j.Bucket;

/**
 * Bucket4j buckets in Redis, updated by compare-and-swap, so every instance spends the same
 * budget. When Redis does not answer, the configured failure mode decides (open: allow, closed:
 * refuse) and the decision says it was degraded.
 */
final class RedisRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final String PREFIX = RedisPlatform.PREFIX + "rate:";

    private final RedisConnections redis;
    private final boolean failOpen;
    private volatile ProxyManager<String> buckets;

    RedisRateLimiter(RedisConnections redis, boolean failOpen) {
        this.redis = redis;
        this.failOpen = failOpen;
    }

    private ProxyManager<String> buckets() {
        ProxyManager<String> manager = buckets;
        if (manager == null) {
            synchronized (this) {
                if (buckets == null) {
                    buckets = Bucket4jLettuce.casBasedBuilder(redis.bytes())
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                            .build();
                }
                manager = buckets;
            }
        }
        return manager;
    }

    @Override
    public RateDecision tryConsume(String key, long limit, Duration window, long cost) {
        RateBudgets.check(limit, window, cost);
        try {
            return RateBudgets.consume(bucket(key, limit, window), limit, cost);
        } catch (RuntimeException e) {
            return degraded(key, limit, e);
        }
    }

    @Override
    public RateDecision peek(String key, long limit, Duration window) {
        RateBudgets.check(limit, window, 1);
        try {
            return RateBudgets.peek(bucket(key, limit, window), limit);
        } catch (RuntimeException e) {
            return degraded(key, limit, e);
        }
    }

    private Bucket bucket(String key, long limit, Duration window) {
        return buckets().builder().build(PREFIX + RateBudgets.bucketKey(key, limit, window), () -> RateBudgets.configuration(limit, window));
    }

    private RateDecision degraded(String key, long limit, RuntimeException e) {
        log.warn("rate limit for {} not checked, Redis failed ({}); failing {}", key, e.getMessage(), failOpen ? "open" : "closed");
        return new RateDecision(failOpen, limit, failOpen ? limit : 0, 0, failOpen ? 0 : 5, true);
    }
}
