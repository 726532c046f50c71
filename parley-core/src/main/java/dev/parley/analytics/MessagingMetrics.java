package dev.parley.analytics;

import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metrics a message write implies, from the message before and after it: each milestone
 * (sent, delivered, read, failed, priced) counts once, when a message first reaches it, at the
 * provider's time of that status, so that retries, duplicates and out-of-order statuses never
 * count twice. Times to delivered and read also go into histogram series (tag {@code le}), from
 * which the funnel reads medians.
 */
public final class MessagingMetrics {

    public static final String SENT = "messages_sent";
    public static final String DELIVERED = "messages_delivered";
    public static final String READ = "messages_read";
    public static final String FAILED = "messages_failed";
    public static final String INBOUND = "messages_inbound";
    public static final String PRICED = "messages_by_pricing_category";
    public static final String TIME_TO_DELIVERED = "time_to_delivered_seconds";
    public static final String TIME_TO_READ = "time_to_read_seconds";
    /** Upper bounds (seconds) of the latency histogram buckets; the last is {@code +Inf}. */
    static final long[] BOUNDS = {1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400};
    static final String INF = "+Inf";

    private static final Set<String> SENT_OR_LATER = Set.of("sent", "delivered", "read", "played");
    private static final Set<String> DELIVERED_OR_LATER = Set.of("delivered", "read", "played");
    private static final Set<String> READ_OR_LATER = Set.of("read", "played");

    private MessagingMetrics() {
    }

    /** What changed between {@code before} (null for a new message) and {@code after}. */
    public static List<Increment> of(Document before, Document after) {
        List<Increment> out = new ArrayList<>();
        Map<String, String> channel = after.get("channel") instanceof String c ? Map.of("channel", c) : Map.of();
        if ("inbound".equals(after.getString("direction"))) {
            if (before == null && after.get("created_at") instanceof Date created) {
                out.add(new Increment(INBOUND, channel, created.toInstant(), 1));
            }
            return out;
        }
        Instant sent = firstReached(after, SENT_OR_LATER);
        if (firstReached(before, SENT_OR_LATER) == null && sent != null) {
            out.add(new Increment(SENT, channel, sent, 1));
        }
        Instant start = sent != null ? sent : after.get("created_at") instanceof Date c ? c.toInstant() : null;
        milestone(out, before, after, DELIVERED_OR_LATER, DELIVERED, TIME_TO_DELIVERED, channel, start);
        milestone(out, before, after, READ_OR_LATER, READ, TIME_TO_READ, channel, start);
        Instant failed = firstReached(after, Set.of("failed"));
        if (firstReached(before, Set.of("failed")) == null && failed != null) {
            out.add(new Increment(FAILED, Map.of("error_code", errorCode(after)), failed, 1));
        }
        String category = pricingCategory(after);
        if (pricingCategory(before) == null && category != null) {
            out.add(new Increment(PRICED, Map.of("pricing_category", category),
                    sent != null ? sent : after.getDate("updated_at").toInstant(), 1));
        }
        return out;
    }

    private static void milestone(List<Increment> out, Document before, Document after, Set<String> statuses,
                                  String metric, String latencyMetric, Map<String, String> tags, Instant start) {
        Instant reached = firstReached(after, statuses);
        if (firstReached(before, statuses) != null || reached == null) {
            return;
        }
        out.add(new Increment(metric, tags, reached, 1));
        if (start != null && !reached.isBefore(start)) {
            long seconds = Duration.between(start, reached).toSeconds();
            out.add(new Increment(latencyMetric, Map.of("le", bucket(seconds)), reached, seconds));
        }
    }

    static String bucket(long seconds) {
        for (long bound : BOUNDS) {
            if (seconds <= bound) {
                return Long.toString(bound);
            }
        }
        return INF;
    }

    private static Instant firstReached(Document message, Set<String> statuses) {
        if (message == null) {
            return null;
        }
        Instant first = null;
        for (Document entry : message.getList("status_history", Document.class, List.of())) {
            if (statuses.contains(entry.getString("status")) && entry.get("timestamp") instanceof Date at
                    && (first == null || at.toInstant().isBefore(first))) {
                first = at.toInstant();
            }
        }
        return first;
    }

    private static String errorCode(Document message) {
        for (Document entry : message.getList("status_history", Document.class, List.of())) {
            if ("failed".equals(entry.getString("status")) && entry.get("error") instanceof Document error
                    && error.get("code") != null) {
                return String.valueOf(error.get("code"));
            }
        }
        return "unknown";
    }

    private static String pricingCategory(Document message) {
        return message != null && message.get("pricing") instanceof Document pricing && pricing.get("category") != null
                ? String.valueOf(pricing.get("category")) : null;
    }
}
