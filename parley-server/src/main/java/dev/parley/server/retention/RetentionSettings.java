package dev.parley.server.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How often the server sweeps what retention expired: {@code PARLEY_RETENTION_SWEEP_MINUTES} (0: never). */
@ConfigurationProperties("parley.retention")
public record RetentionSettings(@DefaultValue("60") long sweepMinutes) {
}
