package dev.parley.bench.history;

import dev.parley.ParleyConfig;
import dev.parley.bench.AbsoluteRow;
import dev.parley.bench.BenchParams;
import dev.parley.bench.Goal;
import dev.parley.bench.LatencyRatioRow;
import dev.parley.bench.ResultRow;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * History page latency at two data set sizes, 10x apart, across 1,000 tenants: the same two
 * page reads (newest 50, then the 50 before via the cursor) must cost about the same at both.
 * Both stores stay open and are read alternately, one conversation at a time, from one thread.
 */
public final class HistoryScenario implements Scenario {

    static final int SMALL = 100_000;
    static final int LARGE = 1_000_000;
    static final int QUICK_SMALL = 10_000;
    static final int QUICK_LARGE = 100_000;
    /** Conversations read per size (two timed page reads each) after warm-up. */
    static final int CONVERSATIONS_READ = 2_000;
    static final int WARMUP_CONVERSATIONS = 500;
    static final ParleyConfig.EmbeddedMode STORE = ParleyConfig.EmbeddedMode.H2;
    /** H2 keeps committing and compacting in the background for a few seconds after a bulk load. */
    private static final long SETTLE_MILLIS = 5_000;

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String description() {
        return "p50/p99 of 50-message history pages at 100k and 1M messages, 1,000 tenants (quick: 10k, 100k),"
                + " in logged order and in seed 004's created_at order";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        HistoryLayout small = HistoryLayout.forMessages(params.quick() ? QUICK_SMALL : SMALL);
        HistoryLayout large = HistoryLayout.forMessages(params.quick() ? QUICK_LARGE : LARGE);
        try (LoadedHistory smallStore = LoadedHistory.load(small, STORE);
             LoadedHistory largeStore = LoadedHistory.load(large, STORE)) {
            HistoryReads smallReads = new HistoryReads(smallStore, 1);
            HistoryReads largeReads = new HistoryReads(largeStore, 2);
            measure(List.of(smallReads, largeReads));

            double smallP99 = smallReads.allPages().percentileMillis(99);
            double largeP99 = largeReads.allPages().percentileMillis(99);
            double largeByTimeP99 = largeReads.createdAtPages().percentileMillis(99);
            List<ResultRow> rows = List.of(
                    latencyRow("history p99 @" + small.sizeLabel(), smallP99),
                    latencyRow("history p99 @" + large.sizeLabel(), largeP99),
                    LatencyRatioRow.growth("history p99 " + large.sizeLabel() + "/" + small.sizeLabel() + " ratio",
                            largeP99, smallP99, Goal.atMost(1.5, "x")),
                    latencyRow("history order_by=created_at p99 @" + large.sizeLabel(), largeByTimeP99),
                    LatencyRatioRow.growth("history created_at/logged order p99 @" + large.sizeLabel() + " ratio",
                            largeByTimeP99, largeP99, Goal.atMost(1.5, "x")));
            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "%s: store embedded %s; loaded through the real write path"
                            + " (messages().logAll, up to 1,000 per call, one tenant per call, %d threads, durable)",
                    name(), STORE == ParleyConfig.EmbeddedMode.H2 ? "H2 (temp files)" : "in-memory", HistoryLoader.THREADS));
            for (HistoryReads reads : List.of(smallReads, largeReads)) {
                notes.add(loadNote(reads));
                notes.add(latencyNote(reads));
            }
            return new ScenarioReport(rows, notes);
        }
    }

    /**
     * Warms both sizes up, then alternates between them read by read (who goes first alternates
     * too), so a burst of background load on the shared machine hits both sizes alike.
     */
    private static void measure(List<HistoryReads> sizes) throws InterruptedException {
        for (HistoryReads reads : sizes) {
            reads.read(WARMUP_CONVERSATIONS, false);
        }
        System.gc();
        Thread.sleep(SETTLE_MILLIS);
        List<HistoryReads> order = new ArrayList<>(sizes);
        for (int i = 0; i < CONVERSATIONS_READ; i++) {
            for (HistoryReads reads : order) {
                reads.read(1, true);
            }
            Collections.reverse(order);
        }
    }

    private static AbsoluteRow latencyRow(String label, double p99) {
        return new AbsoluteRow(label, p99, String.format(Locale.ROOT, "%.2f ms", p99), Goal.atMost(20, "ms"));
    }

    private String loadNote(HistoryReads reads) {
        LoadedHistory store = reads.store();
        return String.format(Locale.ROOT, "%s @%s: %s = %,d messages loaded in %.1f s (%,.0f msgs/s)",
                name(), store.layout().sizeLabel(), store.layout().describe(), store.layout().messages(),
                store.loadNanos() / 1e9, store.loadRate());
    }

    private String latencyNote(HistoryReads reads) {
        return String.format(Locale.ROOT, "%s @%s: newest page p50 %.2f / p99 %.2f ms; cursor page p50 %.2f / p99 %.2f ms;"
                        + " all %,d reads p50 %.2f / p90 %.2f / p99 %.2f / max %.2f ms; wrong pages: %d;"
                        + " floor (one message by key) p50 %.2f / p99 %.2f ms; order_by=created_at pages p50 %.2f / p99 %.2f ms",
                name(), reads.store().layout().sizeLabel(),
                reads.newestPages().percentileMillis(50), reads.newestPages().percentileMillis(99),
                reads.olderPages().percentileMillis(50), reads.olderPages().percentileMillis(99),
                reads.allPages().count(), reads.allPages().percentileMillis(50), reads.allPages().percentileMillis(90),
                reads.allPages().percentileMillis(99), reads.allPages().percentileMillis(100),
                reads.wrongPages(), reads.singleGets().percentileMillis(50), reads.singleGets().percentileMillis(99),
                reads.createdAtPages().percentileMillis(50), reads.createdAtPages().percentileMillis(99));
    }
}
