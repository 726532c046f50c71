package dev.parley.server.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Feeds the actuator readiness group: not ready until the start-up tasks are done. */
@Component("startup")
class StartupHealthIndicator implements HealthIndicator {

    private final StartupState state;

    StartupHealthIndicator(StartupState state) {
        this.state = state;
    }

    @Override
    public Health health() {
        Health.Builder builder = state.phase() == StartupState.Phase.DONE ? Health.up() : Health.down();
        return builder.withDetail("phase", state.wire()).withDetail("detail", state.detail()).build();
    }
}
