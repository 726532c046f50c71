package dev.parley.server.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long analytics reports stay cached: {@code PARLEY_REPORT_CACHE_SECONDS} (0: no cache). */
@ConfigurationProperties("parley")
public record AnalyticsSettings(@DefaultValue("60") long reportCacheSeconds) {
}
