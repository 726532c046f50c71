package dev.parley.analytics;

import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Date;
import java.util.HashMap;

/**
 * The messaging funnel (sent → delivered → read, failures by code, pricing categories, median
 * times to delivered and read) over a time range, read from the rollups that message writes keep
 * (never from points a tenant logged under the same names).
 */
final class MessagingFunnel {

    private final String tenant;
    private final Rollups rollups;

    MessagingFunnel(String tenant, Rollups rollups) {
        this.tenant = tenant;
        this.rollups = rollups;
    }

    Document between(Instant from, Instant to) {
        long sent = count(MessagingMetrics.SENT, from, to);
        long delivered = count(MessagingMetrics.DELIVERED, from, to);
        long read = count(MessagingMetrics.READ, from, to);
        long failed = count(MessagingMetrics.FAILED, from, to);
        return new Document("sent", sent).append("delivered", delivered).append("read", read).append("failed", failed)
                .append("inbound", count(MessagingMetrics.INBOUND, from, to))
                .append("delivery_rate", rate(delivered, sent)).append("read_rate", rate(read, delivered))
                .append("failure_rate", rate(failed, sent + failed))
                .append("failure_codes", top(MessagingMetrics.FAILED, "error_code", from, to, 10))
                .append("pricing_categories", top(MessagingMetrics.PRICED, "pricing_category", from, to, 50))
                .append("median_seconds_to_delivered", median(MessagingMetrics.TIME_TO_DELIVERED, from, to))
                .append("median_seconds_to_read", median(MessagingMetrics.TIME_TO_READ, from, to))
                .append("from", Date.from(from)).append("to", Date.from(to));
    }

    private long count(String metric, Instant from, Instant to) {
        long[] total = {0};
        rollups.read(tenant, metric, List.of(Series.ALL), Rollups.Source.MESSAGES, from, to, (series, at, f) -> total[0] += f.count());
        return total[0];
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    /** Counts per value of {@code tag}, over every series that has it, in one read. */
    private Map<String, Long> byTag(String metric, String tag, Instant from, Instant to) {
        Map<String, String> valueBySeries = new HashMap<>();
        rollups.allSeries(tenant, metric).forEach((series, tags) -> {
            if (tags.get(tag) != null) {
                valueBySeries.put(series, String.valueOf(tags.get(tag)));
            }
        });
        Map<String, Long> counts = new TreeMap<>();
        rollups.read(tenant, metric, valueBySeries.keySet(), Rollups.Source.MESSAGES, from, to,
                (series, at, f) -> counts.merge(valueBySeries.get(series), f.count(), Long::sum));
        return counts;
    }

    private List<Document> top(String metric, String tag, Instant from, Instant to, int n) {
        List<Document> out = new ArrayList<>();
        byTag(metric, tag, from, to).entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).forEach(e -> out.add(new Document(tag, e.getKey()).append("count", e.getValue())));
        return out;
    }

    /** The median from the histogram buckets, interpolated linearly inside its bucket. */
    private Double median(String metric, Instant from, Instant to) {
        Map<String, Long> byBound = byTag(metric, "le", from, to);
        long total = byBound.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        double half = total / 2.0;
        long below = 0;
        long lower = 0;
        for (long bound : MessagingMetrics.BOUNDS) {
            long inBucket = byBound.getOrDefault(Long.toString(bound), 0L);
            if (below + inBucket >= half && inBucket > 0) {
                return Math.round(10 * (lower + (bound - lower) * (half - below) / inBucket)) / 10.0;
            }
            below += inBucket;
            lower = bound;
        }
        return (double) lower; // in the open-ended bucket: at least the last bound
    }
}
