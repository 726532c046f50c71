package dev.parley.platform;

import dev.parley.testing.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract on a real redis-server, plus what only Redis can do: fail, and be shared. */
class RedisPlatformTest extends PlatformContract {

    private static RedisTestServer redis;
    private static Platform platform;

    @BeforeAll
    static void start() {
        redis = RedisTestServer.start();
        platform = Platform.connect(PlatformConfig.from(Map.of("REDIS_URL", redis.url())::get));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    Platform platform() {
        return platform;
    }

    @Test
    void isHealthyAndSharedByTwoClients() {
        assertThat(platform.health().status()).isEqualTo("healthy");
        assertThat(platform.mode()).isEqualTo("redis");
        try (Platform second = Platform.connect(PlatformConfig.from(Map.of("REDIS_URL", redis.url())::get))) {
            platform.deniedTokens().deny("shared-digest", java.time.Instant.now().plusSeconds(60));
            assertThat(second.deniedTokens().isDenied("shared-digest")).isTrue();
            assertThat(platform.rateLimiter().tryConsume("shared-budget", 3, Duration.ofHours(1), 2).allowed()).isTrue();
            assertThat(second.rateLimiter().tryConsume("shared-budget", 3, Duration.ofHours(1), 2).allowed()).isFalse();
            Locks.Lease held = platform.locks().tryAcquire("shared-lock", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
            assertThat(second.locks().tryAcquire("shared-lock", Duration.ofSeconds(30), Duration.ZERO)).isEmpty();
            held.release();
        }
    }

    @Test
    void anUnreachableRedisIsUnhealthyAndRateLimitsFailAsConfigured() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "redis://127.0.0.1:" + closedPort;
        try (Platform open = Platform.connect(PlatformConfig.from(Map.of("REDIS_URL", url)::get));
             Platform closed = Platform.connect(PlatformConfig.from(Map.of("REDIS_URL", url, "PARLEY_RATE_LIMIT_FAILURE", "closed")::get))) {
            assertThat(open.health().status()).isEqualTo("unhealthy");
            RateDecision allowed = open.rateLimiter().tryConsume("k", 10, Duration.ofHours(1), 1);
            assertThat(allowed.allowed()).isTrue();
            assertThat(allowed.degraded()).isTrue();
            RateDecision refused = closed.rateLimiter().tryConsume("k", 10, Duration.ofHours(1), 1);
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.degraded()).isTrue();
            assertThat(open.queryCache().get("anything", java.util.Set.of("tag"))).isEmpty(); // a miss, not a failure
        }
    }
}
