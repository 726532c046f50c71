package dev.parley.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;

import java.time.Duration;

/** Bucket4j buckets in this process, one per key and budget; idle ones are dropped after a day. */
final class LocalRateLimiter implements RateLimiter {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(1_000_000)
            .expireAfterAccess(Duration.ofDays(1)).build();

    private Bucket bucket(String key, long limit, Duration window) {
        return buckets.get(RateBudgets.bucketKey(key, limit, window), k -> Bucket.builder()
                .addLimit(RateBudgets.configuration(limit, window).getBandwidths()[0]).build());
    }

    @Override
    public RateDecision tryConsume(String key, long limit, Duration window, long cost) {
        RateBudgets.check(limit, window, cost);
        return RateBudgets.consume(bucket(key, limit, window), limit, cost);
    }

    @Override
    public RateDecision peek(String key, long limit, Duration window) {
        RateBudgets.check(limit, window, 1);
        return RateBudgets.peek(bucket(key, limit, window), limit);
    }
}
