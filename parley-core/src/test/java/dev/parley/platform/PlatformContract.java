package dev.parley.platform;

import dev.parley.testing.LockContention;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What every platform (Redis, in-process) must do; run against each by a subclass. */
abstract class PlatformContract {

    abstract Platform platform();

    /** Keys of their own per test, so runs against one Redis never meet. */
    private final String run = UUID.randomUUID().toString().substring(0, 8) + ":";

    @Test
    void sessionsAreKeptDeletedAndExpire() throws Exception {
        SessionCache sessions = platform().sessions();
        sessions.put(run + "user-1", "{\"role\":\"admin\"}", Duration.ofHours(1));
        sessions.put(run + "user-2", "short", Duration.ofMillis(150));
        assertThat(sessions.get(run + "user-1")).contains("{\"role\":\"admin\"}");
        assertThat(sessions.get(run + "user-2")).contains("short");
        sessions.delete(run + "user-1");
        assertThat(sessions.get(run + "user-1")).isEmpty();
        Thread.sleep(400);
        assertThat(sessions.get(run + "user-2")).isEmpty();
        assertThat(sessions.get(run + "nobody")).isEmpty();
    }

    @Test
    void deniedTokensStayDeniedUntilTheirExpiry() throws Exception {
        TokenDenyList denied = platform().deniedTokens();
        denied.deny(run + "digest-a", Instant.now().plusSeconds(60));
        denied.deny(run + "digest-b", Instant.now().plusMillis(150));
        denied.deny(run + "digest-c", Instant.now().minusSeconds(1)); // already expired: nothing to keep
        assertThat(denied.isDenied(run + "digest-a")).isTrue();
        assertThat(denied.isDenied(run + "digest-b")).isTrue();
        assertThat(denied.isDenied(run + "digest-c")).isFalse();
        assertThat(denied.isDenied(run + "digest-other")).isFalse();
        Thread.sleep(400);
        assertThat(denied.isDenied(run + "digest-b")).isFalse();
        assertThat(denied.isDenied(run + "digest-a")).isTrue();
    }

    @Test
    void queryCacheEntriesGoWithTheirTagOrPrefixOrTtl() throws Exception {
        QueryCache cache = platform().queryCache();
        Set<String> acme = Set.of(run + "analytics:acme");
        Set<String> other = Set.of(run + "analytics:other");
        cache.put(run + "daily:acme:30", "[1,2,3]", Duration.ofMinutes(5), acme);
        cache.put(run + "daily:other:30", "[4]", Duration.ofMinutes(5), other);
        cache.put(run + "users:acme", "[\"u1\"]", Duration.ofMinutes(5), Set.of());
        cache.put(run + "users:acme:admins", "[]", Duration.ofMinutes(5), Set.of());
        cache.put(run + "short", "x", Duration.ofMillis(150), Set.of());
        assertThat(cache.get(run + "daily:acme:30", acme)).contains("[1,2,3]");

        cache.invalidateTag(run + "analytics:acme");
        assertThat(cache.get(run + "daily:acme:30", acme)).isEmpty();
        assertThat(cache.get(run + "daily:other:30", other)).contains("[4]");
        cache.put(run + "daily:acme:30", "[9]", Duration.ofMinutes(5), acme);
        assertThat(cache.get(run + "daily:acme:30", acme)).contains("[9]");

        assertThat(cache.invalidatePrefix(run + "users:acme")).isEqualTo(2);
        assertThat(cache.get(run + "users:acme", Set.of())).isEmpty();
        assertThat(cache.get(run + "daily:other:30", other)).contains("[4]");
        Thread.sleep(400);
        assertThat(cache.get(run + "short", Set.of())).isEmpty();
    }

    @Test
    void aBudgetAdmitsItsLimitThenRefusesWithWhenToRetry() {
        RateLimiter limiter = platform().rateLimiter();
        for (int i = 0; i < 5; i++) {
            RateDecision decision = limiter.tryConsume(run + "user:acme|u1", 5, Duration.ofHours(1), 1);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(4 - i);
            assertThat(decision.limit()).isEqualTo(5);
        }
        RateDecision refused = limiter.tryConsume(run + "user:acme|u1", 5, Duration.ofHours(1), 1);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 3600L);
        assertThat(refused.resetSeconds()).isBetween(1L, 3600L);
        assertThat(limiter.peek(run + "user:acme|u1", 5, Duration.ofHours(1)).remaining()).isZero();
        assertThat(limiter.tryConsume(run + "user:acme|u2", 5, Duration.ofHours(1), 1).allowed()).isTrue();
        assertThat(limiter.tryConsume(run + "bulk", 10, Duration.ofDays(1), 7).remaining()).isEqualTo(3);
        assertThat(limiter.tryConsume(run + "bulk", 10, Duration.ofDays(1), 4).allowed()).isFalse();
        assertThat(limiter.peek(run + "bulk", 10, Duration.ofDays(1)).remaining()).isEqualTo(3);
    }

    @Test
    void theBudgetRefillsWhenItsWindowEnds() throws Exception {
        RateLimiter limiter = platform().rateLimiter();
        assertThat(limiter.tryConsume(run + "fast", 2, Duration.ofMillis(300), 2).allowed()).isTrue();
        assertThat(limiter.tryConsume(run + "fast", 2, Duration.ofMillis(300), 1).allowed()).isFalse();
        Thread.sleep(450);
        assertThat(limiter.tryConsume(run + "fast", 2, Duration.ofMillis(300), 1).allowed()).isTrue();
    }

    @Test
    void concurrentCallersNeverOverspendABudget() throws Exception {
        RateLimiter limiter = platform().rateLimiter();
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                calls.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        if (limiter.tryConsume(run + "shared", 50, Duration.ofHours(1), 1).allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(allowed.get()).isEqualTo(50);
    }

    @Test
    void aLockHasOneHolderAndEveryAcquisitionALargerToken() {
        Locks locks = platform().locks();
        Locks.Lease first = locks.tryAcquire(run + "retention", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
        assertThat(first.isHeld()).isTrue();
        assertThat(locks.tryAcquire(run + "retention", Duration.ofSeconds(30), Duration.ofMillis(100))).isEmpty();
        assertThat(locks.tryAcquire(run + "other", Duration.ofSeconds(30), Duration.ZERO)).isPresent();
        assertThat(first.release()).isTrue();
        assertThat(first.release()).isFalse();
        Locks.Lease second = locks.tryAcquire(run + "retention", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
        assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
        second.release();
    }

    @Test
    void aLapsedHolderCannotReleaseOrExtendTheNextHoldersLock() throws Exception {
        Locks locks = platform().locks();
        Locks.Lease paused = locks.tryAcquire(run + "scan", Duration.ofMillis(150), Duration.ZERO).orElseThrow();
        assertThat(paused.extend(Duration.ofMillis(150))).isTrue();
        Thread.sleep(400); // the holder "pauses" past its lease
        Locks.Lease next = locks.tryAcquire(run + "scan", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
        assertThat(next.fencingToken()).isGreaterThan(paused.fencingToken());
        assertThat(paused.isHeld()).isFalse();
        assertThat(paused.extend(Duration.ofSeconds(30))).isFalse();
        assertThat(paused.release()).isFalse();
        assertThat(next.isHeld()).isTrue();
        assertThat(next.release()).isTrue();
    }

    @Test
    void contendersNeverHoldTheLockTogetherAndTokensRise() throws Exception {
        LockContention.Outcome outcome = LockContention.run(List.of(platform().locks()), run + "migrate", 4, 10);
        assertThat(outcome.overlaps()).isZero();
        assertThat(outcome.tokens()).hasSize(40).isSorted().doesNotHaveDuplicates();
    }
}
