package dev.parley.bench.imports;

import dev.parley.bench.AbsoluteRow;
import dev.parley.bench.BenchParams;
import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.Goal;
import dev.parley.bench.LatencyRatioRow;
import dev.parley.bench.ResultRow;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;
import dev.parley.bench.Throughput;
import dev.parley.bench.webhookingest.ServerProcess;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.UncheckedIOException;

/**
 * Importing messages from a {@code jsonl} file ({@code POST /api/v1/imports}, the job in the
 * background, timed until its metadata says done) against the same kind of messages through
 * {@code POST /api/v1/messages}, one message per request from concurrent clients, on the same
 * real server (embedded H2), in the same run.
 */
public final class ImportScenario implements Scenario {

    private static final int IMPORTED = 200_000;
    private static final int POSTED = 20_000;
    private static final int QUICK_IMPORTED = 20_000;
    private static final int QUICK_POSTED = 5_000;
    private static final Pattern FIELD = Pattern.compile("\"(status|upload_id|log_count)\"\\s*:\\s*\"?([^\",}]*)");

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String description() {
        return "jsonl import msgs/s (POST /api/v1/imports, background job) vs POST /api/v1/messages one message per request;"
                + " real server, embedded H2 (quick: 20k vs 5k)";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        int imported = params.quick() ? QUICK_IMPORTED : IMPORTED;
        int posted = params.quick() ? QUICK_POSTED : POSTED;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ServerProcess server = ServerProcess.start(Map.of())) {
            AtomicInteger next = new AtomicInteger();
            ConcurrentLoad.run(params.clients(), params.warmupDocs(), () -> post(client, server, "warm-" + next.incrementAndGet()));
            Throughput perRequest = ConcurrentLoad.run(params.clients(), posted, () -> post(client, server, "post-" + next.incrementAndGet()));
            System.err.printf(Locale.ROOT, "  POST /api/v1/messages  %s%n", perRequest.format("msgs"));

            Path file = Files.createTempFile("parley-bench-import-", ".jsonl");
            try {
                writeFile(file, imported);
                long size = Files.size(file);
                long start = System.nanoTime();
                String upload = field(send(client, server, HttpRequest.newBuilder(server.uri("/api/v1/imports?format=jsonl&source=bench"))
                        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofFile(file))), "upload_id");
                String status;
                String body;
                do {
                    Thread.sleep(200);
                    body = send(client, server, HttpRequest.newBuilder(server.uri("/api/v1/logs/metadata/" + upload + "/")).GET());
                    status = field(body, "status");
                } while (status.equals("pending") || status.equals("processing"));
                double seconds = (System.nanoTime() - start) / 1e9;
                long count = Long.parseLong(field(body, "log_count"));
                double rate = count / seconds;
                System.err.printf(Locale.ROOT, "  import (jsonl)         %,.0f msgs/s (%,d messages, %.1f MB, %.1f s, %s)%n",
                        rate, count, size / 1e6, seconds, status);
                List<ResultRow> rows = List.of(
                        new AbsoluteRow("import jsonl msgs/s (" + label(imported) + ", background job, durable)", rate,
                                String.format(Locale.ROOT, "%,.0f msgs/s", rate), Goal.atLeast(0, "msgs/s")),
                        LatencyRatioRow.speedup("import vs POST one message per request (time per message)",
                                1000.0 / rate, 1000.0 / perRequest.docsPerSecond(), Goal.atLeast(1)));
                List<String> notes = new ArrayList<>();
                notes.add(String.format(Locale.ROOT, "import: %,d messages (%.1f MB jsonl) imported in %.1f s (%s) = %,.0f msgs/s;"
                                + " POST /api/v1/messages one per request, %d clients: %,.0f msgs/s; ratio %.1fx",
                        count, size / 1e6, seconds, status, rate, params.clients(), perRequest.docsPerSecond(),
                        rate / perRequest.docsPerSecond()));
                return new ScenarioReport(rows, notes);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String label(int n) {
        return n >= 1000 ? n / 1000 + "k" : Integer.toString(n);
    }

    private static void writeFile(Path file, int messages) throws IOException {
        try (var out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < messages; i++) {
                out.write(body("imp-" + i));
                out.write('\n');
            }
        }
    }

    private static String body(String id) {
        int n = Math.abs(id.hashCode());
        return "{\"message_id\":\"" + id + "\",\"conversation_id\":\"conv-" + n % 2_000 + "\",\"direction\":\""
                + (n % 2 == 0 ? "inbound" : "outbound") + "\",\"content\":\"Order " + n % 100_000
                + " is on its way, thanks for your patience\",\"status\":\"sent\"}";
    }

    private static void post(HttpClient client, ServerProcess server, String id) {
        send(client, server, HttpRequest.newBuilder(server.uri("/api/v1/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(id))));
    }

    private static String send(HttpClient client, ServerProcess server, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.header("X-API-Key", server.apiKey()).timeout(Duration.ofSeconds(120))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2).trim();
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }
}
