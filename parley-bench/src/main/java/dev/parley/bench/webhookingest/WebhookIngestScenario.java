package dev.parley.bench.webhookingest;

import dev.parley.bench.BenchParams;
import dev.parley.bench.Goal;
import dev.parley.bench.ResultRow;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.parley.bench.AbsoluteRow;

/**
 * WhatsApp status webhooks end to end over HTTP: the real server jar as a child process, fed
 * signed Meta-shaped payloads, once with group commit (Parley) and once with
 * PARLEY_GROUP_COMMIT=false (every write on its own with its own flush; the baseline).
 */
public final class WebhookIngestScenario implements Scenario {

    private static final double PACED_EVENTS_PER_SECOND = 1_000;
    private static final int PACED_THREADS = 128;

    @Override
    public String name() {
        return "webhook-ingest";
    }

    @Override
    public String description() {
        return "signed WhatsApp status webhooks over HTTP to the real server jar: group commit vs"
                + " PARLEY_GROUP_COMMIT=false";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        ServerJar.require(); // fail before anything starts
        double loadAtStart = loadAverage();
        Optional<Path> newer = ServerJar.newerSource();
        Duration measured = Duration.ofSeconds(params.quick() ? 8 : 20);
        ServerRun.Plan plan = new ServerRun.Plan(params.clients(), Duration.ofSeconds(params.quick() ? 3 : 5),
                measured, PACED_EVENTS_PER_SECOND, measured, PACED_THREADS);
        // one after the other, so the two servers never compete for the cores
        ServerRun.Measured parley = ServerRun.measure("parley (group commit)", Map.of(), plan);
        ServerRun.Measured baseline = ServerRun.measure("baseline (PARLEY_GROUP_COMMIT=false)",
                Map.of("PARLEY_GROUP_COMMIT", "false"), plan);

        List<ResultRow> rows = List.of(
                new GoalOnParleyRow("webhook-ingest events/s (grouped vs PARLEY_GROUP_COMMIT=false)",
                        parley.fullSpeed().docsPerSecond(), baseline.fullSpeed().docsPerSecond(), "%,.0f events/s",
                        Goal.atLeast(3_000, "events/s")),
                new GoalOnParleyRow("webhook-ingest p99 ack latency @1,000 events/s",
                        parley.paced().latencies().percentileMillis(99),
                        baseline.paced().latencies().percentileMillis(99), "%.1f ms", Goal.atMost(100, "ms")),
                // a fast run that refused deliveries is no success
                new AbsoluteRow("webhook-ingest non-200 answers (parley, both phases)", parley.refused(),
                        String.format(Locale.ROOT, "%,d", parley.refused()), Goal.atMost(0, "answers")));
        List<String> notes = new ArrayList<>();
        notes.add(setupNote(plan));
        notes.add(String.format(Locale.ROOT, "%s: p50 ack latency @%,.0f events/s: parley %.1f ms, baseline %.1f ms",
                name(), PACED_EVENTS_PER_SECOND, parley.paced().latencies().percentileMillis(50),
                baseline.paced().latencies().percentileMillis(50)));
        notes.add(parley.note(name()));
        notes.add(baseline.note(name()));
        notes.add(String.format(Locale.ROOT, "%s: server and load generator share this machine's %d cores, so the"
                        + " client's CPU is taken from the server's; 1-minute load average %.1f at the start, %.1f at"
                        + " the end (anything else running skews both runs)", name(),
                Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage()));
        newer.ifPresent(file -> notes.add(name() + ": WARNING " + ServerJar.PATH + " is older than " + file
                + "; rebuild with 'mvn -q -DskipTests install' to measure the current code"));
        return new ScenarioReport(rows, notes);
    }

    private String setupNote(ServerRun.Plan plan) {
        return String.format(Locale.ROOT, "%s: real server (%s serve, embedded H2 in a fresh temp dir) as a child"
                        + " process, one run per configuration; payloads of 1-%d statuses (uniform),"
                        + " sent/delivered/read for distinct wamids to %,d recipients, signed X-Hub-Signature-256;"
                        + " %d s warm-up, %d s at full speed with %d clients (one request in flight each), then %d s"
                        + " open-loop at %,.0f events/s (%d threads, latency from each request's due time)",
                name(), ServerJar.PATH, StatusPayloads.MAX_STATUSES, StatusPayloads.RECIPIENTS,
                plan.warmup().toSeconds(), plan.fullSpeed().toSeconds(), plan.clients(), plan.paced().toSeconds(),
                plan.pacedEventsPerSecond(), plan.pacedThreads());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
