package dev.parley.bench.webhookingest;

import dev.parley.bench.Throughput;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import com.sun.management.OperatingSystemMXBean;

/**
 * One server configuration measured end to end: start it, register the channel, warm up, then
 * (a) full-speed throughput and (b) latency at a paced load, each with its own answer tally.
 */
final class ServerRun {

    static final String PHONE_NUMBER_ID = "106540352242922";

    /** How a run is driven; the same for Parley and the baseline. */
    record Plan(int clients, Duration warmup, Duration fullSpeed, double pacedEventsPerSecond, Duration paced,
                int pacedThreads) {
    }

    /** What one server did, with the CPU both processes used during the full-speed phase. */
    record Measured(String label, Throughput fullSpeed, PacedLoad.Result paced, long refused, String firstRefusal,
                    double serverCores, double clientCores) {

        String note(String scenario) {
            return String.format(Locale.ROOT, "%s: %s: full speed %,d events acknowledged in %.0f s; paced %,d events"
                            + " in %,d requests, p50 %.1f ms; non-200 answers: %d%s; during full speed the server used"
                            + " %.2f cores, the load generator %.2f", scenario, label, fullSpeed.docs(),
                    fullSpeed.nanos() / 1e9, paced.events(), paced.requests(), paced.latencies().percentileMillis(50),
                    refused, firstRefusal == null ? "" : " (first: " + firstRefusal + ")", serverCores, clientCores);
        }
    }

    private ServerRun() {
    }

    static Measured measure(String label, Map<String, String> env, Plan plan) throws IOException, InterruptedException {
        String appSecret = "bench-app-secret-" + Long.toHexString(System.nanoTime());
        StatusPayloads payloads = new StatusPayloads(PHONE_NUMBER_ID, appSecret);
        System.err.println("  " + label + ": starting the server ...");
        ExecutorService clientThreads = Executors.newCachedThreadPool();
        try (ServerProcess server = ServerProcess.start(env)) {
            // HTTP/1.1 (no h2c upgrade attempt): each client thread keeps a connection of its own, as Meta's senders do
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).executor(clientThreads).build();
            ChannelRegistration.register(client, server, PHONE_NUMBER_ID, appSecret);

            System.err.printf(Locale.ROOT, "  %s: warm-up %d s at full speed ...%n", label, plan.warmup().toSeconds());
            WebhookSender warmup = new WebhookSender(client, server.uri("/webhooks/whatsapp"));
            FullSpeedLoad.run(warmup, payloads, plan.clients(), plan.warmup());

            System.err.printf(Locale.ROOT, "  %s: full speed, %d clients, %d s ...%n", label, plan.clients(),
                    plan.fullSpeed().toSeconds());
            WebhookSender fullSender = new WebhookSender(client, server.uri("/webhooks/whatsapp"));
            long serverCpu = server.cpuNanos();
            long clientCpu = clientCpuNanos();
            long wallStart = System.nanoTime();
            Throughput fullSpeed = FullSpeedLoad.run(fullSender, payloads, plan.clients(), plan.fullSpeed());
            long wall = System.nanoTime() - wallStart; // includes the answers still in flight at the deadline
            double serverCores = (server.cpuNanos() - serverCpu) / (double) wall;
            double clientCores = (clientCpuNanos() - clientCpu) / (double) wall;
            System.err.printf(Locale.ROOT, "  %s: %s%n", label, fullSpeed.format("events"));

            Thread.sleep(1_000); // let the server settle between phases
            System.err.printf(Locale.ROOT, "  %s: paced at %,.0f events/s, %d s ...%n", label,
                    plan.pacedEventsPerSecond(), plan.paced().toSeconds());
            WebhookSender pacedSender = new WebhookSender(client, server.uri("/webhooks/whatsapp"));
            PacedLoad.Result paced = PacedLoad.run(pacedSender, payloads, plan.pacedEventsPerSecond(), plan.paced(),
                    plan.pacedThreads());
            System.err.printf(Locale.ROOT, "  %s: p50 %.1f ms, p99 %.1f ms%n", label,
                    paced.latencies().percentileMillis(50), paced.latencies().percentileMillis(99));

            long refused = warmup.refused() + fullSender.refused() + pacedSender.refused();
            String first = firstOf(warmup.firstRefusal(), fullSender.firstRefusal(), pacedSender.firstRefusal());
            if (refused > 0) {
                System.err.printf("  %s: %d requests were not answered with 200; first: %s%n", label, refused, first);
            }
            return new Measured(label, fullSpeed, paced, refused, first, serverCores, clientCores);
        } finally {
            clientThreads.shutdownNow();
        }
    }

    private static String firstOf(String... refusals) {
        for (String refusal : refusals) {
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    private static long clientCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
