package dev.parley.meters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Parley's own meters, in Micrometer's global registry (the server publishes it at
 * {@code /actuator/prometheus}; a library user may add a registry of their own). Names are
 * Prometheus-style once exported: {@code parley_webhook_requests_total}, …
 */
public final class ParleyMeters {

    private ParleyMeters() {
    }

    /** A webhook delivery and how it was answered. */
    public static void webhook(String provider, int status) {
        Counter.builder("parley.webhook.requests").description("webhook deliveries by provider and HTTP status")
                .tag("provider", provider).tag("status", Integer.toString(status)).register(Metrics.globalRegistry).increment();
        if (status == 401) {
            Counter.builder("parley.webhook.signature.failures").description("webhook deliveries refused for their signature")
                    .tag("provider", provider).register(Metrics.globalRegistry).increment();
        }
    }

    /**
     * A webhook delivery naming no registered number or account; {@code outcome} stored, truncated
     * (stored, its body cut to the prefix) or dropped (over budget).
     */
    public static void unroutedWebhook(String provider, String outcome) {
        Counter.builder("parley.webhook.unrouted").description("unrouted webhook deliveries by provider and outcome")
                .tag("provider", provider).tag("outcome", outcome).register(Metrics.globalRegistry).increment();
    }

    /** An unrouted payload replaced the oldest one kept, the total being full. */
    public static void unroutedWebhookEvicted(String provider) {
        Counter.builder("parley.webhook.unrouted.evicted").description("unrouted payloads replaced by newer ones")
                .tag("provider", provider).register(Metrics.globalRegistry).increment();
    }

    /** One group commit: how many requests it carried and how long its write and flush took. */
    public static void commit(String writer, int requests, long nanos) {
        DistributionSummary.builder("parley.ingest.batch.size").description("requests per group commit").tag("writer", writer)
                .register(Metrics.globalRegistry).record(requests);
        Timer.builder("parley.ingest.commit").description("time to write and flush a group commit").tag("writer", writer)
                .register(Metrics.globalRegistry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A message reached a delivery status. */
    public static void statusTransition(String status) {
        Counter.builder("parley.status.transitions").description("messages reaching a delivery status").tag("status", status)
                .register(Metrics.globalRegistry).increment();
    }

    public static void search(String kind, long nanos) {
        Timer.builder("parley.search").description("search latency").tag("kind", kind).register(Metrics.globalRegistry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public static void retentionDeleted(String collection, long documents) {
        Counter.builder("parley.retention.deletions").description("documents retention deleted").tag("collection", collection)
                .register(Metrics.globalRegistry).increment(documents);
    }

    /** A rate-limit decision: {@code kind} user, api_key, tenant or ip; {@code outcome} allowed, refused or degraded. */
    public static void rateLimit(String kind, String outcome) {
        Counter.builder("parley.rate.limit.decisions").description("rate-limit decisions by budget kind and outcome")
                .tag("kind", kind).tag("outcome", outcome).register(Metrics.globalRegistry).increment();
    }
}
