package dev.parley.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.Parley;
import dev.parley.ParleyConfig;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./parley statuses} as a user runs it: a child JVM reading a local imitation of n8n's
 * public API (two pages of executions, API key checked), saving to the embedded store in
 * {@code PARLEY_DATA_DIR}, and exporting seed 002's documents.
 */
class StatusesCliTest {

    private static final String KEY = "n8n_api_test_key";
    private static final String WORKFLOW = "tc3qpQJxlWVVTjeq";
    private static final String MESSAGE_A = "wamid.HBgMOTY2NTQwNDAxNDQ1FQIAERgSQUFBQUFBQUFB";
    private static final String MESSAGE_B = "wamid.HBgMOTY2NTMyMTI3MDcwFQIAERgSQkJCQkJCQkJC";

    private static HttpServer n8n;
    private static final List<String> queries = new CopyOnWriteArrayList<>();

    @TempDir
    Path data;

    @TempDir
    Path files;

    @BeforeAll
    static void startN8n() throws IOException {
        n8n = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        n8n.createContext("/api/v1/executions", StatusesCliTest::executions);
        n8n.start();
    }

    @AfterAll
    static void stopN8n() {
        n8n.stop(0);
    }

    @BeforeEach
    void clearQueries() {
        queries.clear();
    }

    /** n8n's GET /api/v1/executions: 401 without the right key, then page 1, and page 2 for its cursor. */
    private static void executions(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        queries.add(query);
        byte[] body;
        int code = 200;
        if (!KEY.equals(exchange.getRequestHeaders().getFirst("X-N8N-API-KEY"))) {
            code = 401;
            body = "{\"message\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
        } else {
            String page = query.contains("cursor=MjUyMDM%3D") ? "n8n-executions-page-2.json" : "n8n-executions-page-1.json";
            try (InputStream in = StatusesCliTest.class.getResourceAsStream("/statuses/" + page)) {
                body = in.readAllBytes();
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String n8nUrl() {
        return "http://127.0.0.1:" + n8n.getAddress().getPort();
    }

    private Parley openStore() {
        return Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")));
    }

    @Test
    void savesN8nStatusesThenExportsThemInSeed002Shape() throws Exception {
        // the test holds the data directory, as a running server would; the CLI connects to it
        try (Parley parley = openStore()) {
            parley.tenants().create("acme", null, "Asia/Riyadh");
            scanSaveAndExport();
            Document stored = parley.tenant("acme").messages().get(MESSAGE_A);
            assertThat(stored.getDate("last_scanned_at")).isNotNull();
            assertThat(stored.getString("workflow_id")).isEqualTo(WORKFLOW);
            assertThat(stored.get("pricing", Document.class).getString("category")).isEqualTo("utility");
            assertThat(stored.getList("status_history", Document.class)).extracting(h -> h.getString("execution_id"))
                    .containsExactly("25202", "25203", "25204");
        }
    }

    /** Issue 22, gap 6: what {@code statuses export} wrote, {@code import --format seed002} brings back as it was. */
    @Test
    void anExportedTenantImportsIntoAnotherAsItWas() throws Exception {
        try (Parley parley = openStore()) {
            parley.tenants().create("acme", null, "Asia/Riyadh");
            parley.tenants().create("beta", null, "Asia/Riyadh");
            scanSaveAndExport();
            Path exported = files.resolve("message_statuses.jsonl");
            Run imported = parley("import", exported.toString(), "--format", "seed002", "--tenant", "beta");
            assertThat(imported.code).as(imported.output).isZero();
            assertThat(imported.output).contains("\"status\": \"success\"").contains("\"format_type\": \"seed002\"");
            Path again = files.resolve("beta.jsonl");
            assertThat(parley("statuses", "export", "--format", "seed002", "--out", again.toString(), "--tenant", "beta").code).isZero();
            assertThat(Files.readAllLines(again)).isEqualTo(Files.readAllLines(exported)); // first seen, last scanned… as they were
        }
    }

    /** Issue 22, gap 4: reading and saving draw progress bars, as the other long commands do. */
    @Test
    void scanningAndSavingDrawProgressBars() throws Exception {
        try (Parley parley = openStore()) {
            parley.tenants().create("acme", null, "UTC");
            Path file = Files.writeString(files.resolve("s.jsonl"), """
                    {"message_id": "wamid.BAR-1", "status": "sent", "timestamp": 1767106880}
                    {"message_id": "wamid.BAR-1", "status": "read", "timestamp": 1767106890}
                    {"message_id": "wamid.BAR-2", "status": "sent", "timestamp": 1767106880}
                    """);
            Run saved = parley("statuses", "--source", "jsonl", "--file", file.toString(), "--save-to-mongodb", "--tenant", "acme");
            assertThat(saved.code).as(saved.output).isZero();
            assertThat(saved.output).containsPattern("statuses saved 100% \\[=+\\] 3/3 events")
                    .contains("saved 3 status events of 2 messages to tenant acme");
            assertThat(parley.tenant("acme").messages().get("wamid.BAR-1").getString("status")).isEqualTo("read");
        }
    }

    private void scanSaveAndExport() throws Exception {
        Run scan = parley("statuses", "--source", "n8n", "--n8n-url", n8nUrl(), "--n8n-api-key", KEY, "--workflow-id", WORKFLOW,
                "--save-to-mongodb", "--tenant", "acme");
        assertThat(scan.code).as(scan.output).isZero();
        assertThat(queries).containsExactly("includeData=true&limit=100&workflowId=" + WORKFLOW,
                "includeData=true&limit=100&workflowId=" + WORKFLOW + "&cursor=MjUyMDM%3D");
        assertThat(scan.output).contains("TIME (Asia/Riyadh)").contains("statuses read") // two pages: a bar
                .containsPattern(MESSAGE_A + " +966540401445 +read +2025-12-30 18:01 +sent 18:01 -> delivered 18:01 -> read 18:01")
                .containsPattern(MESSAGE_B + " +966532127070 +sent +2025-12-30 18:01")
                .contains("2 messages (4 statuses) from 4 n8n executions; skipped 1 status object")
                .contains("saved 4 status events of 2 messages to tenant acme");

        Path out = files.resolve("message_statuses.jsonl");
        Run export = parley("statuses", "export", "--format", "seed002", "--out", out.toString(), "--tenant", "acme");
        assertThat(export.code).as(export.output).isZero();
        assertThat(export.output).contains("exported 2 messages of tenant acme to " + out);
        List<Document> exported = Files.readAllLines(out).stream().map(Document::parse).toList();
        assertThat(exported).extracting(d -> d.getString("messageId")).containsExactly(MESSAGE_B, MESSAGE_A); // by id
        Document a = exported.get(1);
        assertThat(new ArrayList<>(a.keySet())).containsExactly("messageId", "conversation_id", "latestStatus", "latestTimestamp",
                "latestTimestampFormatted", "statusHistory", "workflowId", "statusCount", "firstSeenAt", "lastUpdatedAt", "lastScannedAt");
        assertThat(a.get("conversation_id")).isEqualTo("966540401445");
        assertThat(a.get("latestStatus")).isEqualTo("read");
        assertThat(((Number) a.get("latestTimestamp")).longValue()).isEqualTo(1767106892L);
        assertThat(a.get("latestTimestampFormatted")).isEqualTo("2025-12-30 18:01");
        assertThat(a.get("workflowId")).isEqualTo(WORKFLOW);
        assertThat(a.get("statusCount")).isEqualTo(3);
        assertThat(a.getList("statusHistory", Document.class)).extracting(h -> h.getString("executionId"))
                .containsExactly("25202", "25203", "25204");
        assertThat(a.getList("statusHistory", Document.class).get(0)).isEqualTo(new Document("status", "sent")
                .append("timestamp", 1767106880).append("timestampFormatted", "2025-12-30 18:01").append("executionId", "25202")
                .append("conversation_id", "966540401445"));
        // saved as scan events: last_scanned_at set, dates exported as {"$date": ..}
        assertThat(a.getDate("lastScannedAt")).isNotNull().isEqualTo(a.getDate("lastUpdatedAt"));
        assertThat(a.getDate("firstSeenAt")).isNotNull();
        assertThat(Files.readString(out)).contains("\"lastScannedAt\": {\"$date\": \"");
    }

    @Test
    void aWrongApiKeyExitsNonZeroAndWritesNothing() throws Exception {
        Run run = parley("statuses", "--n8n-url", n8nUrl(), "--n8n-api-key", "wrong");
        assertThat(run.code).isEqualTo(1);
        assertThat(run.output).isEqualTo("statuses: n8n at " + n8nUrl() + " refused the API key (HTTP 401);"
                + " check --n8n-api-key (n8n: Settings > n8n API)");
        assertThat(queries).hasSize(1);
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void aBadFileLineIsReportedByNumber() throws Exception {
        Path file = files.resolve("statuses.jsonl");
        Files.writeString(file, """
                {"message_id": "wamid.OK", "status": "sent", "timestamp": 1767106880, "recipient_id": "966540401445"}
                {"message_id": "wamid.BAD", "status": "sent"
                """);
        Run run = parley("statuses", "--source", "jsonl", "--file", file.toString());
        assertThat(run.code).isEqualTo(1);
        assertThat(run.output).startsWith("statuses: " + file + " has 1 bad line (nothing was read from it):")
                .contains("line 2: not valid JSON");
    }

    @Test
    void invalidArgumentsExitWithTwo() throws Exception {
        Run run = parley("statuses", "--source", "jsonl", "--file", "x.jsonl", "--save-to-mongodb");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.output).contains("--tenant: is required with --save-to-mongodb");
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void everyKeepsScanningUntilStopped() throws Exception {
        Path file = files.resolve("statuses.jsonl");
        Files.writeString(file, """
                {"message_id": "wamid.E1", "status": "delivered", "timestamp": 1767106885, "recipient_id": "966540401445"}
                """);
        Process process = start("statuses", "--source", "jsonl", "--file", file.toString(), "--every", "1s");
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(30_000);
                process.destroyForcibly(); // never hang the build on a command that stopped printing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && lines.add(line) && !line.startsWith("next scan in")) {
                // the first round
            }
            // a later round reads what was appended meanwhile
            Files.writeString(file, "{\"message_id\": \"wamid.E2\", \"status\": \"read\", \"timestamp\": 1767106899}\n",
                    java.nio.file.StandardOpenOption.APPEND);
            while ((line = out.readLine()) != null && lines.add(line) && !line.startsWith("wamid.E2")) {
                // the next rounds
            }
            assertThat(process.isAlive()).as(String.join("\n", lines)).isTrue();
        } finally {
            process.destroy(); // SIGTERM: the running round finishes, then the command stops
            watchdog.interrupt();
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = String.join("\n", lines);
        assertThat(output).startsWith("== scan at ").contains("next scan in 1s (stop with Ctrl-C)")
                .contains("wamid.E1").contains("wamid.E2");
        assertThat(lines.stream().filter(l -> l.startsWith("== scan at")).count()).isGreaterThanOrEqualTo(2);
        assertThat(data).as("nothing is written without --save-to-mongodb").isEmptyDirectory();
    }

    private record Run(int code, String output) {
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // a short-lived JVM starts faster
                "-cp", System.getProperty("java.class.path"), ParleyMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("MONGO") || name.startsWith("PARLEY_")
                || name.startsWith("N8N_"));
        builder.environment().put("PARLEY_DATA_DIR", data.toString());
        return builder.start();
    }

    private Run parley(String... args) throws Exception {
        Process process = start(args);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output.strip());
    }
}
