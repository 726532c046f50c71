package dev.parley.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One budget, the same in process and on Redis: {@code limit} tokens, all given back at the end
 * of each window (a fixed window, as quotas such as "1000 calls per hour" are understood).
 */
final class RateBudgets {

    private RateBudgets() {
    }

    /** A bucket per key and budget: when a quota changes, its new budget starts whole. */
    static String bucketKey(String key, long limit, Duration window) {
        return key + "|" + limit + "/" + window.toSeconds() + "s";
    }

    static BucketConfiguration configuration(long limit, Duration window) {
        return BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(limit).refillIntervally(limit, window).build()).build();
    }

    static RateDecision consume(Bucket bucket, long limit, long cost) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(cost);
        long reset = seconds(probe.getNanosToWaitForReset());
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        return new RateDecision(probe.isConsumed(), limit, probe.getRemainingTokens(), reset, retryAfter, false);
    }

    static RateDecision peek(Bucket bucket, long limit) {
        long available = bucket.getAvailableTokens();
        long reset = seconds(bucket.estimateAbilityToConsume(limit).getNanosToWaitForRefill());
        return new RateDecision(available > 0, limit, available, reset, available > 0 ? 0 : Math.max(1, reset), false);
    }

    static void check(long limit, Duration window, long cost) {
        if (limit <= 0 || window.isNegative() || window.isZero() || cost <= 0) {
            throw new IllegalArgumentException("a budget needs a positive limit, window and cost");
        }
    }

    /** Whole seconds, rounded up; a wait Bucket4j calls endless (more than the budget) stays large but finite. */
    private static long seconds(long nanos) {
        if (nanos >= Long.MAX_VALUE / 2) {
            return TimeUnit.DAYS.toSeconds(1);
        }
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
