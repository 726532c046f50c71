package dev.parley.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the server does once MongoDB answers: ensure indexes ({@code PARLEY_INIT_DB}), apply
 * pending migrations ({@code PARLEY_MIGRATE}) and ensure tenant {@code demo} with the key
 * {@code PARLEY_BOOTSTRAP_KEY} (empty: none).
 */
@ConfigurationProperties("parley")
public record StartupSettings(@DefaultValue("true") boolean initDb, @DefaultValue("true") boolean migrate,
                              @DefaultValue("") String bootstrapKey) {
}
