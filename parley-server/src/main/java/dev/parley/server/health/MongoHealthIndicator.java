package dev.parley.server.health;

import dev.parley.store.MongoStore;
import dev.parley.store.StoreHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Feeds the actuator readiness group: not ready while MongoDB does not answer. */
@Component("mongo")
class MongoHealthIndicator implements HealthIndicator {

    private final MongoStore store;
    private final long timeoutMs;

    MongoHealthIndicator(MongoStore store, HealthSettings settings) {
        this.store = store;
        this.timeoutMs = settings.timeoutMs();
    }

    @Override
    public Health health() {
        StoreHealth mongo = store.health(timeoutMs);
        Health.Builder builder = mongo.healthy() ? Health.up() : Health.down();
        return builder.withDetail("mode", mongo.mode()).withDetail("database", mongo.database())
                .withDetail("latency_ms", mongo.latencyMs() == null ? -1 : mongo.latencyMs())
                .withDetail("detail", String.valueOf(mongo.detail())).build();
    }
}
