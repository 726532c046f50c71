package dev.parley.server.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The API's request body limit: {@code PARLEY_MAX_BODY_BYTES} (10 MiB; webhooks and imports have their own). */
@ConfigurationProperties("parley")
public record WebSettings(@DefaultValue("10485760") long maxBodyBytes) {
}
