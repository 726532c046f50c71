package dev.parley.server.platform;

import dev.parley.platform.Platform;
import dev.parley.platform.PlatformHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Feeds the readiness group: not ready while a configured Redis does not answer; without Redis, up (disabled). */
@Component("redis")
class RedisHealthIndicator implements HealthIndicator {

    private final Platform platform;

    RedisHealthIndicator(Platform platform) {
        this.platform = platform;
    }

    @Override
    public Health health() {
        PlatformHealth health = platform.health();
        Health.Builder builder = health.isDown() ? Health.down() : Health.up();
        return builder.withDetail("status", health.status()).withDetail("mode", platform.mode())
                .withDetail("message", String.valueOf(health.message())).build();
    }
}
