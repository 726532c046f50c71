package dev.parley.bench.analytics;

import dev.parley.ParleyConfig;
import dev.parley.TenantScope;
import dev.parley.analytics.Analytics;
import dev.parley.bench.AbsoluteRow;
import dev.parley.bench.BenchParams;
import dev.parley.bench.EmbeddedParley;
import dev.parley.bench.Goal;
import dev.parley.bench.LatencyRatioRow;
import dev.parley.bench.ResultRow;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 30 days of daily stats over 10M raw metric points (quick: 1M): Parley's rollups against seed
 * 000's {@code $group} over the raw points, in the same run, on the same data, which Parley logged
 * through its own batched {@code log_metric} path.
 */
public final class AnalyticsScenario implements Scenario {

    private static final int POINTS = 10_000_000;
    private static final int QUICK_POINTS = 1_000_000;
    private static final int DAYS_OF_DATA = 60;
    private static final int BATCH = 1_000;
    private static final int LOADERS = 4;
    private static final int QUERIES = 200;
    private static final int WARMUP_QUERIES = 50;
    private static final String TENANT = "bench-analytics";
    private static final String METRIC = "messages_sent";

    @Override
    public String name() {
        return "analytics";
    }

    @Override
    public String description() {
        return "daily stats for 30 days over 10M raw points (quick 1M): rollups vs seed 000's $group over the raw points"
                + " (full run: PARLEY_JAVA_OPTS=-Xmx16g)";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        int points = params.quick() ? QUICK_POINTS : POINTS;
        if (!params.quick() && Runtime.getRuntime().maxMemory() < 12L << 30) {
            System.err.println("  warning: the $group baseline holds 5M documents in the embedded server's memory;"
                    + " run with PARLEY_JAVA_OPTS=-Xmx16g or it may run out of heap");
        }
        try (EmbeddedParley store = EmbeddedParley.open("parley-bench-analytics-", ParleyConfig.EmbeddedMode.H2)) {
            store.parley().initDb();
            TenantScope tenant = store.parley().tenant(TENANT);
            Instant now = Instant.now();
            double loadSeconds = load(tenant.analytics(), points, now);
            System.err.printf(Locale.ROOT, "  %,d points logged in %.0f s (%,.0f points/s)%n", points, loadSeconds, points / loadSeconds);

            ZoneId utc = ZoneOffset.UTC;
            System.gc(); // the load's garbage is the load's: queries are timed on a settled heap
            time(WARMUP_QUERIES, () -> tenant.analytics().daily(METRIC, 30, ZoneId.of("Asia/Kolkata"), Map.of())); // JIT, caches
            List<Document> fromRollups = tenant.analytics().daily(METRIC, 30, utc, Map.of());
            double[] rollupMillis = time(QUERIES, () -> tenant.analytics().daily(METRIC, 30, ZoneId.of("Asia/Kolkata"), Map.of()));
            double[] taggedMillis = time(QUERIES, () -> tenant.analytics().daily(METRIC, 30, ZoneId.of("Asia/Riyadh"),
                    Map.of("campaign_id", "campaign-7")));
            System.err.printf(Locale.ROOT, "  rollups: p50 %.2f ms, p99 %.2f ms; tagged p99 %.2f ms%n",
                    percentile(rollupMillis, 50), percentile(rollupMillis, 99), percentile(taggedMillis, 99));

            Instant since = LocalDate.ofInstant(now, utc).minusDays(29).atStartOfDay(utc).toInstant();
            List<Document> pipeline = List.of(
                    new Document("$match", new Document("metric_type", METRIC).append("timestamp", new Document("$gte", Date.from(since)))),
                    // not in the seed, but without it the embedded server's $group holds every whole document (OOM at 10M)
                    new Document("$project", new Document("_id", 0).append("date", 1).append("value", 1)),
                    new Document("$group", new Document("_id", "$date").append("total", new Document("$sum", "$value"))
                            .append("count", new Document("$sum", 1)).append("average", new Document("$avg", "$value"))),
                    new Document("$sort", new Document("_id", 1)));
            List<Document> fromRaw = new ArrayList<>();
            double[] groupMillis = time(params.quick() ? 3 : 2, () -> {
                fromRaw.clear();
                store.parley().store().scoped(TENANT, "analytics").aggregate(pipeline).into(fromRaw);
            });
            double group = Arrays.stream(groupMillis).min().orElseThrow();
            System.err.printf(Locale.ROOT, "  $group over the raw points: %,.0f ms%n", group);
            boolean same = sameTotals(fromRollups, fromRaw);

            double p99 = percentile(rollupMillis, 99);
            if (System.getenv("PARLEY_BENCH_TRACE") != null) {
                System.err.println("  rollup query latencies in order (ms): " + Arrays.toString(Arrays.stream(rollupMillis).map(Math::rint).toArray()));
            }
            List<ResultRow> rows = List.of(
                    new AbsoluteRow(String.format(Locale.ROOT, "analytics daily stats, 30 days over %,d points: p99", points),
                            p99, String.format(Locale.ROOT, "%.2f ms", p99), Goal.atMost(50, "ms")),
                    LatencyRatioRow.speedup("analytics daily stats: rollups (p99) vs $group over raw (best)", p99, group, Goal.atLeast(100)),
                    new AbsoluteRow("analytics log_metric points/s (batches of 1,000, durable)", points / loadSeconds,
                            String.format(Locale.ROOT, "%,.0f points/s", points / loadSeconds), Goal.atLeast(0, "points/s")));
            List<String> notes = List.of(
                    String.format(Locale.ROOT, "analytics: rollups p50 %.2f ms, p99 %.2f ms (%d queries after %d warm-up, Asia/Kolkata); tagged"
                                    + " (campaign_id) p99 %.2f ms in Asia/Riyadh; $group runs %s ms",
                            percentile(rollupMillis, 50), p99, QUERIES, WARMUP_QUERIES, percentile(taggedMillis, 99),
                            Arrays.toString(Arrays.stream(groupMillis).map(Math::rint).toArray())),
                    String.format(Locale.ROOT, "analytics: rollup totals equal the $group's per UTC day: %s (%d days)", same, fromRaw.size()),
                    String.format(Locale.ROOT, "analytics: %,d points over %d days in time order, 20 campaigns, logged by %d threads"
                            + " in batches of %,d", points, DAYS_OF_DATA, LOADERS, BATCH));
            return new ScenarioReport(rows, notes);
        }
    }

    private static double load(Analytics analytics, int points, Instant now) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int l = 0; l < LOADERS; l++) {
                int seed = l;
                done.add(loaders.submit(() -> {
                    Random random = new Random(seed);
                    int from;
                    while ((from = next.getAndAdd(BATCH)) < points) {
                        List<Document> batch = new ArrayList<>(BATCH);
                        for (int i = from; i < Math.min(points, from + BATCH); i++) {
                            // in time order, as live traffic arrives: point i at its share of the 60 days, give or take a minute
                            long secondsAgo = (long) DAYS_OF_DATA * 86_400 * (points - 1L - i) / points + random.nextInt(60);
                            Instant at = now.minusSeconds(secondsAgo);
                            batch.add(new Document("metric_type", METRIC).append("value", 1 + random.nextInt(100))
                                    .append("tags", new Document("campaign_id", "campaign-" + random.nextInt(20)))
                                    .append("timestamp", Date.from(at)));
                        }
                        analytics.logAll(batch);
                        if (from % 500_000 == 0 && from > 0) {
                            System.err.printf(Locale.ROOT, "  ... %,d points%n", from);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            loaders.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean sameTotals(List<Document> rollups, List<Document> raw) {
        if (rollups.size() != raw.size()) {
            return false;
        }
        for (int i = 0; i < raw.size(); i++) {
            if (!rollups.get(i).get("_id").equals(raw.get(i).get("_id"))
                    || ((Number) rollups.get(i).get("total")).longValue() != ((Number) raw.get(i).get("total")).longValue()
                    || ((Number) rollups.get(i).get("count")).longValue() != ((Number) raw.get(i).get("count")).longValue()) {
                return false;
            }
        }
        return true;
    }

    private static double[] time(int times, Runnable query) {
        double[] millis = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            query.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
