package dev.parley.bench.statusingest;

import dev.parley.bench.AbsoluteRow;
import dev.parley.bench.BenchParams;
import dev.parley.bench.Comparison;
import dev.parley.bench.Contender;
import dev.parley.bench.Goal;
import dev.parley.bench.InterleavedRounds;
import dev.parley.bench.ResultRow;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;
import dev.parley.bench.Throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Delivery-status webhooks: Parley's batched, durable {@code recordStatuses} against the naive
 * handler that finds and updates the message once per event and waits for that write to be
 * durable (the same guarantee), both fed the same shuffled
 * sent/delivered/read events by the same number of concurrent webhook threads.
 */
public final class StatusIngestScenario implements Scenario {

    static final int MESSAGES = 20_000;
    static final int QUICK_MESSAGES = 5_000;
    private static final int CHECK_SAMPLE = 100;
    private static final long SEED = 2_002;

    @Override
    public String name() {
        return "status-ingest";
    }

    @Override
    public String description() {
        return "batched durable recordStatuses vs naive find-then-update per event, equally durable (embedded H2; "
                + MESSAGES / 1000 + "k msgs, quick " + QUICK_MESSAGES / 1000 + "k)";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        StatusWorkload workload = StatusWorkload.create(params.quick() ? QUICK_MESSAGES : MESSAGES, SEED);
        // every event is sent exactly once per path: warm-up first (a tenth, so the JIT has settled
        // on both the client and the embedded server), the rest measured in rounds
        int warmup = Math.max(params.warmupDocs(), workload.events() / 10);
        BenchParams rounds = new BenchParams(workload.events() - warmup, params.clients(), warmup, params.rounds(),
                params.quick());
        try (BatchedStatusIngest parley = new BatchedStatusIngest(workload, params.clients());
             FindThenUpdatePerEvent naive = new FindThenUpdatePerEvent(workload, params.clients())) {
            Map<Contender, Throughput> measured = InterleavedRounds.measure(List.of(parley, naive), rounds);
            Throughput batched = measured.get(parley);
            List<ResultRow> rows = List.of(
                    new Comparison("status-ingest (batched) vs naive find-then-update per event, both durable",
                            batched, measured.get(naive), Goal.atLeast(5), "events"),
                    new AbsoluteRow("status-ingest absolute", batched.docsPerSecond(), batched.format("events"),
                            Goal.atLeast(3_000, "events/s")));
            List<Integer> sample = sample(workload.messages());
            List<String> notes = new ArrayList<>(notes(workload, rounds, parley, naive));
            notes.add(parley.check(workload.messages(), sample).note());
            notes.add(naive.check(workload.messages(), sample).note());
            return new ScenarioReport(rows, notes);
        }
    }

    private static List<Integer> sample(int messages) {
        Random random = new Random(SEED);
        return random.ints(0, messages).distinct().limit(Math.min(CHECK_SAMPLE, messages)).boxed().toList();
    }

    private List<String> notes(StatusWorkload workload, BenchParams params, BatchedStatusIngest parley,
                               FindThenUpdatePerEvent naive) {
        return List.of(
                String.format(Locale.ROOT, "%s: %,d messages of one tenant over %d conversations, %,d events"
                                + " (sent, delivered, read each, shuffled) in %,d payloads of 1-%d (mean %.1f);"
                                + " %d client threads, one payload in flight each; %,d warm-up events per path;"
                                + " each path on its own H2 file; the baseline acknowledges each event once its update is"
                                + " committed and fsynced (j: true), concurrent handlers sharing a flush in progress",
                        name(), workload.messages(), StatusWorkload.CONVERSATIONS, workload.events(),
                        workload.payloads().size(), StatusWorkload.MAX_PAYLOAD, workload.meanPayload(),
                        params.clients(), params.warmupDocs()),
                String.format(Locale.ROOT, "%s: messages loaded before timing: parley logAll (batches of 1,000, durable)"
                                + " %.1f s; baseline insert commands of 1,000, durable %.1f s", name(), parley.loadNanos() / 1e9,
                        naive.loadNanos() / 1e9),
                String.format(Locale.ROOT, "%s: parley made %,d durable flushes for %,d events incl. warm-up,"
                                + " %.1f events per flush", name(), parley.durableFlushes(), parley.events(),
                        parley.durableFlushes() == 0 ? 0.0 : parley.events() / (double) parley.durableFlushes()));
    }
}
