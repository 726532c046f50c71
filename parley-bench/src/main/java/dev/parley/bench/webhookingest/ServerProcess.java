package dev.parley.bench.webhookingest;

import dev.parley.bench.TempDirectory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Parley server as a child process ({@code java -jar parley.jar serve}) on a free port,
 * with a fresh embedded H2 store and a random bootstrap key for tenant {@code demo}. Closing it
 * stops the process and deletes its directory.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The server's JVM defaults, shared with ./parley and the Docker image. */
    static final Path JVM_OPTIONS = Path.of("parley-server", "jvm.options");
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final TempDirectory dir;
    private final Process process;
    private final int port;
    private final String apiKey;

    private ServerProcess(TempDirectory dir, Process process, int port, String apiKey) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.apiKey = apiKey;
    }

    /** Starts the server; {@code extraEnv} e.g. {@code PARLEY_GROUP_COMMIT=false} for the baseline. */
    public static ServerProcess start(Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path jar = ServerJar.require();
        TempDirectory dir = TempDirectory.create("parley-webhook-ingest-");
        int port = freePort();
        String apiKey = randomKey();
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        if (Files.isRegularFile(JVM_OPTIONS)) {
            command.add("@" + JVM_OPTIONS.toAbsolutePath()); // the defaults ./parley serve runs with
        }
        // after them, so they win; e.g. a JFR recording of each server:
        // PARLEY_BENCH_SERVER_JAVA_OPTS=-XX:StartFlightRecording=filename=s-{port}.jfr (./parley bench: PARLEY_JAVA_OPTS)
        String javaOpts = System.getenv("PARLEY_BENCH_SERVER_JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            command.addAll(List.of(javaOpts.trim().replace("{port}", Integer.toString(port)).split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.path().resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("PARLEY_PORT", Integer.toString(port));
        env.put("PARLEY_DATA_DIR", dir.path().resolve("data").toString());
        env.put("PARLEY_BOOTSTRAP_KEY", apiKey);
        env.put("PARLEY_INIT_DB", "true");
        env.putIfAbsent("MALLOC_ARENA_MAX", "2"); // as ./parley sets it
        env.remove("PARLEY_GROUP_COMMIT"); // the grouped run must get the server default, whatever the shell has
        env.putAll(extraEnv);
        ServerProcess server;
        try {
            server = new ServerProcess(dir, builder.start(), port, apiKey);
        } catch (IOException e) {
            dir.close();
            throw e;
        }
        try {
            server.awaitHealthy();
            server.awaitApiKey();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String apiKey() {
        return apiKey;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The server process's CPU time so far (user + system), or -1 when the OS does not say. */
    public long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue()
                        + " before it was healthy:\n" + logTail());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not healthy within " + START_TIMEOUT.toSeconds() + " s:\n"
                + logTail());
    }

    /** The bootstrap key is accepted once the server's start-up tasks (indexes first) are done. */
    private void awaitApiKey() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(uri("/api/v1/channels")).header("X-API-Key", apiKey)
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bootstrap key was not accepted within " + START_TIMEOUT.toSeconds() + " s:\n"
                        + logTail());
            }
            Thread.sleep(200);
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.path().resolve("server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } finally {
            dir.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomKey() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            key.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
        }
        return key.toString();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
