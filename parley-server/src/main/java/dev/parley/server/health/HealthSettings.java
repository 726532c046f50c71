package dev.parley.server.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The ping timeout of {@code /health} and readiness: {@code PARLEY_HEALTH_TIMEOUT_MS}. */
@ConfigurationProperties("parley.health")
public record HealthSettings(@DefaultValue("2000") long timeoutMs) {
}
