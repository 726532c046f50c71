package dev.parley.server.health;

import dev.parley.Parley;
import dev.parley.store.StoreHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Feeds the actuator readiness group: not ready while MongoDB does not answer. */
@Component("mongo")
class MongoHealthIndicator implements HealthIndicator {

    private final Parley parley;
    private final long timeoutMs;

    MongoHealthIndicator(Parley parley, HealthSettings settings) {
        this.parley = parley;
        this.timeoutMs = settings.timeoutMs();
    }

    @Override
    public Health health() {
        StoreHealth mongo = parley.storeHealth(timeoutMs);
        Health.Builder builder = mongo.healthy() ? Health.up() : Health.down();
        return builder.withDetail("mode", mongo.mode()).withDetail("database", mongo.database())
                .withDetail("latency_ms", mongo.latencyMs() == null ? -1 : mongo.latencyMs())
                .withDetail("detail", String.valueOf(mongo.detail())).build();
    }
}
