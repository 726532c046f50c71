package dev.parley.analytics;

import dev.parley.InvalidInputException;
import dev.parley.store.IndexSpec;
import dev.parley.store.TenantCollections;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.Date;

/**
 * Seed 000's analytics ({@code log_metric}, {@code get_daily_stats}, {@code get_hourly_stats})
 * for one tenant. Points are kept raw in {@code analytics} and rolled up into 15-minute buckets
 * ({@link Rollups}); stats are read from the rollups only, in any IANA time zone.
 */
public final class Analytics {

    public static final int MAX_BATCH = 1_000;
    public static final int MAX_DAYS = 731;
    public static final int MAX_HOURS = 24 * 31;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx");

    private final String tenant;
    private final TenantCollections collections;
    private final MetricWriter writer;
    private final Rollups rollups;
    private final Clock clock;

    public Analytics(TenantCollections collections, MetricWriter writer, Rollups rollups, Clock clock) {
        this.tenant = collections.tenant();
        this.collections = collections;
        this.writer = writer;
        this.rollups = rollups;
        this.clock = clock;
    }

    public static List<IndexSpec> indexes() {
        return List.of(IndexSpec.on(MetricWriter.POINTS, "organization_id_metric_id_unique", "metric_id").asUnique(),
                IndexSpec.on(MetricWriter.POINTS, "organization_id_metric_type_date", "metric_type", "date"), // seed 000
                IndexSpec.on(MetricWriter.POINTS, "organization_id_date", "date"), // seed 000
                IndexSpec.on(MetricWriter.POINTS, "organization_id_timestamp", "timestamp"),
                IndexSpec.on(Rollups.ROLLUPS, "organization_id_metric_type_date", "metric_type", "date"),
                IndexSpec.on(Rollups.ROLLUPS, "organization_id_day", "day"));
    }

    /** Seed 000's {@code log_metric}: the stored point, with {@code created} false when its {@code metric_id} was stored before. */
    public Document log(Document input) {
        return logAll(List.of(input)).get(0);
    }

    /** Several points in one durable write (at most {@value #MAX_BATCH}). */
    public List<Document> logAll(List<Document> inputs) {
        if (inputs.isEmpty() || inputs.size() > MAX_BATCH) {
            throw new InvalidInputException("points", "must hold 1 to " + MAX_BATCH + " metrics");
        }
        Instant now = clock.instant();
        List<Document> points = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            try {
                points.add(MetricPoints.parse(inputs.get(i), now));
            } catch (InvalidInputException e) {
                throw inputs.size() == 1 ? e : new InvalidInputException("[" + i + "]." + e.field(), e.reason());
            }
        }
        List<Boolean> created = writer.log(tenant, points);
        List<Document> views = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            views.add(MetricPoints.view(points.get(i)).append("created", created.get(i)));
        }
        return views;
    }

    /** Raw points of a metric between two times, oldest first (for exports and checks, not for stats). */
    public List<Document> points(String metricType, Instant from, Instant to, int limit) {
        MetricPoints.metricType("metric_type", metricType);
        Document filter = new Document("metric_type", metricType)
                .append("timestamp", new Document("$gte", Date.from(from)).append("$lt", Date.from(to)));
        return collections.open(MetricWriter.POINTS).find(filter).limit(limit).map(MetricPoints::view).into(new ArrayList<>());
    }

    /**
     * Seed 000's {@code get_daily_stats}: {@code [{_id: "2026-01-27", total, count, average}]} for
     * the last {@code days} local days in {@code zone} (today included), oldest first, days with
     * values only; {@code tags} keeps the values whose tags include them. Only the points the tenant
     * logged count: what Parley's own message writes counted comes with {@link Rollups.Source#MESSAGES}.
     */
    public List<Document> daily(String metricType, int days, ZoneId zone, Map<String, String> tags) {
        return daily(metricType, days, zone, tags, Rollups.Source.POINTS);
    }

    /**
     * {@link #daily(String, int, ZoneId, Map)} counting only what {@code source} added: a tenant
     * that logs {@code messages_sent} itself and also sends its messages through Parley can keep
     * the two apart.
     */
    public List<Document> daily(String metricType, int days, ZoneId zone, Map<String, String> tags, Rollups.Source source) {
        return stats(metricType, tags, source, startOfLocalDays(days, zone), clock.instant().plusNanos(1),
                at -> LocalDate.ofInstant(at, zone).toString());
    }

    /** The start of the local day {@code days - 1} days before today in {@code zone}. */
    private Instant startOfLocalDays(int days, ZoneId zone) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("days", "must be between 1 and " + MAX_DAYS);
        }
        return LocalDate.ofInstant(clock.instant(), zone).minusDays(days - 1L).atStartOfDay(zone).toInstant();
    }

    /**
     * Seed 000's {@code get_hourly_stats}: the last {@code hours} local hours (the current one
     * included), {@code _id} the local hour with its offset ({@code 2026-01-27T14:00+05:30}), which
     * stays unique when clocks go back.
     */
    public List<Document> hourly(String metricType, int hours, ZoneId zone, Map<String, String> tags) {
        return hourly(metricType, hours, zone, tags, Rollups.Source.POINTS);
    }

    /** {@link #hourly(String, int, ZoneId, Map)} counting only what {@code source} added. */
    public List<Document> hourly(String metricType, int hours, ZoneId zone, Map<String, String> tags, Rollups.Source source) {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new InvalidInputException("hours", "must be between 1 and " + MAX_HOURS);
        }
        Instant now = clock.instant();
        ZonedDateTime hourStart = now.atZone(zone).truncatedTo(ChronoUnit.HOURS);
        Instant from = hourStart.toInstant().minus(Duration.ofHours(hours - 1L));
        return stats(metricType, tags, source, from, now.plusNanos(1),
                at -> at.atZone(zone).truncatedTo(ChronoUnit.HOURS).format(HOUR));
    }

    private List<Document> stats(String metricType, Map<String, String> tags, Rollups.Source source, Instant from, Instant to,
                                 Function<Instant, String> label) {
        MetricPoints.metricType("metric_type", metricType);
        Map<String, String> filter = MetricPoints.tags(tags);
        Map<String, Rollups.Figures> grouped = new TreeMap<>();
        rollups.read(tenant, metricType, rollups.seriesMatching(tenant, metricType, filter).keySet(), source, from, to,
                (series, at, figures) -> grouped.merge(label.apply(at), figures, Rollups.Figures::plus));
        List<Document> out = new ArrayList<>(grouped.size());
        grouped.forEach((key, f) -> out.add(new Document("_id", key).append("total", number(f.sum()))
                .append("count", f.count()).append("average", number(f.sum() / f.count()))));
        return out;
    }

    /** Whole numbers print as integers, as seed 000's example shows them. */
    static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
    }

    /** The messaging funnel of the last {@code days} local days: see {@link MessagingFunnel}. */
    public Document messaging(int days, ZoneId zone) {
        return new MessagingFunnel(tenant, rollups).between(startOfLocalDays(days, zone), clock.instant().plusNanos(1))
                .append("days", days).append("time_zone", zone.getId());
    }

    /**
     * Recomputes the {@code points} part of every rollup from the raw points stored since the
     * start of {@code since}'s UTC day: idempotent, and it never touches what messages counted.
     */
    public RebuildReport rebuild(Instant since) {
        return new RollupRebuild(collections, rollups).run(since);
    }
}
