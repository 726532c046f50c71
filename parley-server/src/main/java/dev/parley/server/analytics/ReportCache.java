package dev.parley.server.analytics;

import dev.parley.Parley;
import dev.parley.platform.Platform;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Analytics reports in the query cache (Redis DB 1, or this process): a tenant's reports are
 * dropped whenever its figures change (a metric logged, a message counted, a rebuild), and
 * otherwise kept {@code PARLEY_REPORT_CACHE_SECONDS} (60 by default), because "the last 30 days"
 * moves with the clock.
 */
@Component
class ReportCache {

    private final Platform platform;
    private final Duration ttl;

    ReportCache(Parley parley, Platform platform, AnalyticsSettings settings) {
        this.platform = platform;
        this.ttl = Duration.ofSeconds(Math.max(0, settings.reportCacheSeconds()));
        parley.onAnalyticsChanged(tenant -> platform.queryCache().invalidateTag(tag(tenant)));
    }

    static String tag(String tenant) {
        return "analytics:" + tenant;
    }

    /** The cached JSON of report {@code name} with {@code parameters} in {@code tenant}, or what {@code compute} answers. */
    String get(String tenant, String name, Map<String, String> parameters, Supplier<String> compute) {
        if (ttl.isZero()) {
            return compute.get();
        }
        String key = "report:" + tenant + ":" + name + ":" + new TreeMap<>(parameters);
        List<String> tags = List.of(tag(tenant));
        return platform.queryCache().getOrCompute(key, ttl, tags, compute);
    }
}
