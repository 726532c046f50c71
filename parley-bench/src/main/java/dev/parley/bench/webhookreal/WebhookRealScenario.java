package dev.parley.bench.webhookreal;

import dev.parley.bench.AbsoluteRow;
import dev.parley.bench.BenchParams;
import dev.parley.bench.Goal;
import dev.parley.bench.ResultRow;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;
import dev.parley.bench.Throughput;
import dev.parley.bench.webhookingest.ChannelRegistration;
import dev.parley.bench.webhookingest.ServerJar;
import dev.parley.bench.webhookingest.ServerProcess;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;

/**
 * WhatsApp webhooks at the traffic shape Meta really sends, over HTTP to the real server jar on
 * its embedded H2 store: mostly single-status deliveries, a message's statuses in separate
 * concurrent deliveries out of order, retries, inbound messages of every type, statuses for
 * messages logged before and for messages never seen. Measured against the store's own durable
 * {@code insertMany} rate and the server's rate for deliveries refused at the signature check,
 * both in the same run; then every message is read back through the API and checked.
 */
public final class WebhookRealScenario implements Scenario {

    static final String PHONE_NUMBER_ID = "106540352242922";
    private static final int SINGLES_SENDERS = 48;
    private static final int PACED_THREADS = 64;
    // pool sizes: enough for the fastest rate the phase could reach; unsent deliveries are not checked
    private static final int SINGLES_CAP_PER_SECOND = 6_000;
    private static final int EVENTS_CAP_PER_SECOND = 12_000;
    private static final long SETTLE_MILLIS = 1_500;

    /** How long each phase runs. */
    private record Plan(Duration insertMany, Duration ceiling, Duration warmup, Duration measured, Duration paced,
                        List<Integer> senders, boolean secondInsertMany) {

        static Plan of(BenchParams params) {
            if (params.quick()) {
                return new Plan(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(4),
                        Duration.ofSeconds(4), List.of(48), false);
            }
            List<Integer> senders = params.clients() != BenchParams.DEFAULT_CLIENTS ? List.of(params.clients()) : List.of(16, 48, 64);
            return new Plan(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                    Duration.ofSeconds(10), senders, true);
        }
    }

    @Override
    public String name() {
        return "webhook-real";
    }

    @Override
    public String description() {
        return "WhatsApp webhooks at Meta's real shape (mostly 1 status, shuffled, retried, inbound of all types) over"
                + " HTTP to the server jar, vs durable insertMany; every message checked";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        ServerJar.require();
        Optional<Path> newer = ServerJar.newerSource();
        Plan plan = Plan.of(params);
        List<String> notes = new ArrayList<>();
        progress("durable insertMany ceiling, %d s ...", plan.insertMany().toSeconds());
        double loadBefore = Load.loadAverage();
        Throughput insertMany = DurableInsertMany.measure(plan.insertMany());
        progress("%s (load average %.1f)", insertMany, loadBefore);
        notes.add(String.format(Locale.ROOT, "%s: same-run ceiling: one thread inserting stored-message-shaped documents,"
                + " 1,000 per insert command, each batch committed and fsynced (Parley's durability), embedded H2:"
                + " %s (load average %.1f)", name(), insertMany, loadBefore));

        String ack = Optional.ofNullable(System.getenv("PARLEY_WEBHOOK_ACK")).orElse("auto (logged on the embedded store)");
        notes.add(name() + ": answered per PARLEY_WEBHOOK_ACK=" + ack + "; a closed-loop phase's rate counts until the server"
                + " has applied every delivery it acknowledged (parley_webhooks_unapplied back to 0), not only until the answers");
        String appSecret = "bench-app-secret-" + Long.toHexString(System.nanoTime());
        progress("starting the server ...");
        Measured measured;
        try (ServerProcess server = ServerProcess.start(Map.of())) {
            measured = drive(server, appSecret, plan, params);
        }
        double ceilingDocs = insertMany.docsPerSecond();
        if (plan.secondInsertMany()) {
            Throughput again = DurableInsertMany.measure(plan.insertMany());
            notes.add(String.format(Locale.ROOT, "%s: ceiling measured again after the server stopped: %s (load average %.1f);"
                    + " the ratio uses the mean", name(), again, Load.loadAverage()));
            ceilingDocs = (ceilingDocs + again.docsPerSecond()) / 2;
        }
        notes.addAll(measured.notes(name()));
        newer.ifPresent(file -> notes.add(name() + ": WARNING " + ServerJar.PATH + " is older than " + file
                + "; the figures are for the jar's code"));
        return new ScenarioReport(measured.rows(ceilingDocs), notes);
    }

    private Measured drive(ServerProcess server, String appSecret, Plan plan, BenchParams params) throws Exception {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
        ChannelRegistration.register(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), server,
                PHONE_NUMBER_ID, appSecret);
        MetaPayloads payloads = new MetaPayloads(PHONE_NUMBER_ID, appSecret, "127.0.0.1:" + server.port());
        ServerProbe probe = new ServerProbe(server);
        Load load = new Load(address, probe::cpuNanos, probe::awaitApplied);

        progress("building the deliveries ...");
        long seed = 19;
        TrafficPool warm = TrafficPool.build("w", TrafficPool.messagesFor(EVENTS_CAP_PER_SECOND / 2 * plan.warmup().toSeconds()),
                TrafficPool.Shape.REAL, payloads, seed++);
        TrafficPool singles = TrafficPool.build("s", (int) (SINGLES_CAP_PER_SECOND * plan.measured().toSeconds()
                / TrafficPool.STATUSES_PER_MESSAGE), TrafficPool.Shape.SINGLES, payloads, seed++);
        List<TrafficPool> mixes = new ArrayList<>();
        for (int senders : plan.senders()) {
            mixes.add(TrafficPool.build("m" + senders, TrafficPool.messagesFor(EVENTS_CAP_PER_SECOND * plan.measured().toSeconds()),
                    TrafficPool.Shape.REAL, payloads, seed++));
        }
        TrafficPool paced1000 = TrafficPool.build("p", TrafficPool.messagesFor(1_100 * plan.paced().toSeconds()),
                TrafficPool.Shape.REAL, payloads, seed++);
        TrafficPool paced100 = TrafficPool.build("q", TrafficPool.messagesFor(400 * plan.paced().toSeconds()),
                TrafficPool.Shape.REAL, payloads, seed);

        List<TrafficPool> all = new ArrayList<>(List.of(warm, singles));
        all.addAll(mixes);
        all.addAll(List.of(paced1000, paced100));
        int prior = 0;
        for (TrafficPool pool : all) {
            PriorMessages.log(address, server.apiKey(), pool.loggedBefore());
            prior += pool.loggedBefore().size();
        }
        progress("logged %,d messages before their statuses; RSS %.0f MB", prior, probe.rssMb());

        Measured measured = new Measured(probe, prior);
        measured.phases.add(closed(load, "warm-up, real mix", warm, SINGLES_SENDERS, plan.warmup(), probe));
        // the ceiling after the warm-up, so neither it nor wrk pays for the server's JIT compiling
        settle();
        List<byte[]> refused = TrafficPool.badlySigned(2_000, payloads);
        measured.refusedJava = new PhaseResult("refused at the signature check, Java client, " + SINGLES_SENDERS + " senders", null);
        load.closedLoop(measured.refusedJava, Load.cycling(refused, Integer.MAX_VALUE), 401, SINGLES_SENDERS, plan.ceiling());
        progress("%s", measured.refusedJava.summary());
        measured.refusedWrk = WrkCeiling.measure("http://127.0.0.1:" + server.port() + MetaPayloads.PATH, refused.get(0),
                SINGLES_SENDERS, plan.ceiling());
        progress("wrk: %s", measured.refusedWrk.map(r -> String.format(Locale.ROOT, "%,.0f requests/s", r)).orElse("not available"));

        measured.singles = closed(load, "single-status deliveries, " + SINGLES_SENDERS + " senders", singles,
                SINGLES_SENDERS, plan.measured(), probe);
        measured.phases.add(measured.singles);
        for (int i = 0; i < mixes.size(); i++) {
            int senders = plan.senders().get(i);
            PhaseResult mix = closed(load, "real mix, " + senders + " senders", mixes.get(i), senders, plan.measured(), probe);
            measured.phases.add(mix);
            if (senders == 48 || mixes.size() == 1) {
                measured.mix = mix;
            }
        }
        settle();
        measured.paced1000 = new PhaseResult("real mix paced at 1,000 events/s", paced1000);
        progress("%s, %d s ...", measured.paced1000.label, plan.paced().toSeconds());
        load.paced(measured.paced1000, Load.of(paced1000), 1_000, true, plan.paced(), PACED_THREADS);
        measured.phases.add(measured.paced1000);
        progress("%s; RSS %.0f MB", measured.paced1000.summary(), probe.rssMb());
        settle();
        measured.paced100 = new PhaseResult("real mix paced at 100 deliveries/s", paced100);
        progress("%s, %d s ...", measured.paced100.label, plan.paced().toSeconds());
        load.paced(measured.paced100, Load.of(paced100), 100, false, plan.paced(), 16);
        measured.phases.add(measured.paced100);
        progress("%s; RSS %.0f MB", measured.paced100.summary(), probe.rssMb());

        measured.meters = probe.ingestMeters();
        progress("checking every message through the API ...");
        measured.check = new HistoryCheck(address, server.apiKey()).run(measured.phases);
        progress("%s", measured.check.note());
        measured.highWaterMb = probe.highWaterRssMb();
        return measured;
    }

    /** Lets the server finish what the previous phase left (queued answers, H2's background writes). */
    private static void settle() throws InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
    }

    private static PhaseResult closed(Load load, String label, TrafficPool pool, int senders, Duration duration, ServerProbe probe)
            throws InterruptedException {
        settle();
        PhaseResult result = new PhaseResult(label, pool);
        progress("%s, %d s ...", label, duration.toSeconds());
        load.closedLoop(result, Load.of(pool), 200, senders, duration);
        progress("%s; RSS %.0f MB", result.summary(), probe.rssMb());
        return result;
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "  " + format + "%n", args);
    }

    /** Everything one server run measured. */
    private static final class Measured {
        final ServerProbe probe;
        final int prior;
        final List<PhaseResult> phases = new ArrayList<>();
        PhaseResult refusedJava;
        Optional<Double> refusedWrk = Optional.empty();
        PhaseResult singles;
        PhaseResult mix;
        PhaseResult paced1000;
        PhaseResult paced100;
        HistoryCheck.Result check;
        List<String> meters = List.of();
        double highWaterMb;

        Measured(ServerProbe probe, int prior) {
            this.probe = probe;
            this.prior = prior;
        }

        List<ResultRow> rows(double insertManyDocs) {
            long refused = phases.stream().mapToLong(PhaseResult::refused).sum();
            return List.of(
                    new FigureRow("webhook-real events/s (real mix, " + mix.label.replaceAll(".*, ", "") + ") vs durable insertMany docs/s",
                            mix.eventsPerSecond(), "%,.0f events/s", insertManyDocs, "%,.0f docs/s", Goal.atLeast(0.5), true),
                    new FigureRow("webhook-real single-status deliveries/s (48 senders) vs refused at signature",
                            singles.deliveriesPerSecond(), "%,.0f /s", refusedJava.deliveriesPerSecond(), "%,.0f /s",
                            Goal.atLeast(2_000, "/s"), false),
                    new AbsoluteRow("webhook-real p99 ack @1,000 events/s", paced1000.percentileMillis(99),
                            String.format(Locale.ROOT, "%.1f ms", paced1000.percentileMillis(99)), Goal.atMost(100, "ms")),
                    new AbsoluteRow("webhook-real p50 ack @100 deliveries/s", paced100.percentileMillis(50),
                            String.format(Locale.ROOT, "%.1f ms", paced100.percentileMillis(50)), Goal.atMost(10, "ms")),
                    new AbsoluteRow("webhook-real lost + duplicated + regressed (every message)", check.errors(),
                            String.format(Locale.ROOT, "%,d", check.errors()), Goal.atMost(0, "errors")),
                    new AbsoluteRow("webhook-real non-200 answers", refused, String.format(Locale.ROOT, "%,d", refused),
                            Goal.atMost(0, "answers")),
                    new AbsoluteRow("webhook-real server peak RSS", highWaterMb,
                            String.format(Locale.ROOT, "%,.0f MB", highWaterMb), Goal.atMost(512, "MB")));
        }

        List<String> notes(String name) {
            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "%s: real server jar (serve, embedded H2 in a fresh temp dir) as a child"
                    + " process; deliveries built up front: statuses of each message (sent, then delivered or 3 %% failed, then"
                    + " 80 %% read) shuffled over the phase and cut into deliveries of 1 status (72 %%), 2-5 (22 %%) or 6-50 (6 %%);"
                    + " 10 %% inbound deliveries cycling through %d message kinds; 10 %% of deliveries sent again up to 200 later;"
                    + " %,d messages logged through the API before their statuses (30 %% of the mixed phases'), the rest never seen;"
                    + " one keep-alive socket per sender; latency from the due time in paced phases", name,
                    InboundMessages.KINDS.size(), prior));
            notes.add(String.format(Locale.ROOT, "%s: request-handling ceiling, deliveries refused at the signature check"
                            + " (HTTP + JSON + HMAC, no write): Java client %,.0f/s (%s), wrk %s", name,
                    refusedJava.deliveriesPerSecond(), refusedJava.cpuNote(),
                    refusedWrk.map(r -> String.format(Locale.ROOT, "%,.0f/s with 48 connections", r)).orElse("not installed")));
            for (PhaseResult phase : phases) {
                notes.add(name + ": " + phase.summary());
            }
            notes.add(name + ": " + check.note());
            meters.forEach(line -> notes.add(name + ": meters: " + line));
            notes.add(String.format(Locale.ROOT, "%s: server RSS: peak (VmHWM) %.0f MB, largest sampled after a phase %.0f MB",
                    name, highWaterMb, probe.peakSampledRssMb()));
            return notes;
        }
    }
}
