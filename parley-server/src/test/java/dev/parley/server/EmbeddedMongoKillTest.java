package dev.parley.server;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.documents.DocumentCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes that Parley's MongoDB wire protocol server acknowledges survive {@code kill -9} of the
 * process serving it: the standalone {@code ./parley embedded-mongo} and the loopback port a
 * running Parley opens for CLI commands ({@code data/mongo.port}). Concurrent clients write with
 * the official driver, every acknowledged id is recorded, the server's JVM is SIGKILLed in the
 * middle of the writes, and after a restart every acknowledged id must be there.
 * Rounds: PARLEY_DURABILITY_ROUNDS (default 2).
 */
class EmbeddedMongoKillTest {

    private static final int WRITERS = 8;
    private static final int KILL_AFTER = 600;

    @TempDir
    Path dir;

    @Test
    void standaloneEmbeddedMongoKeepsEveryAcknowledgedWriteAfterKillMinus9() throws Exception {
        Path file = dir.resolve("store.mv.db");
        int total = 0;
        for (int round = 0; round < rounds(); round++) {
            Process server = start(List.of(ParleyMain.class.getName(), "embedded-mongo", "--port", "0", "--file", file.toString()));
            List<String> acknowledged;
            // fail fast once the server is gone instead of waiting 30 s to select it again
            try (MongoClient client = MongoClients.create(uriPrintedBy(server) + "&serverSelectionTimeoutMS=2000")) {
                MongoCollection<Document> items = client.getDatabase("kill").getCollection("items");
                acknowledged = writeUntilKilled(server, "r" + round, items::insertOne);
            }
            assertKilled(server);
            total += acknowledged.size();

            Process restarted = start(List.of(ParleyMain.class.getName(), "embedded-mongo", "--port", "0", "--file", file.toString()));
            try (MongoClient client = MongoClients.create(uriPrintedBy(restarted))) {
                MongoCollection<Document> items = client.getDatabase("kill").getCollection("items");
                assertThat(missing(acknowledged, ids -> items.find(new Document("_id", new Document("$in", ids)))
                        .map(d -> d.getString("_id")).into(new ArrayList<>())))
                        .as("acknowledged by embedded-mongo but lost after kill -9 in round " + round).isEmpty();
            } finally {
                restarted.destroy();
                restarted.waitFor(30, TimeUnit.SECONDS);
            }
        }
        System.out.println("embedded-mongo kill -9: " + rounds() + " rounds, " + total + " acknowledged writes, none lost");
    }

    @Test
    void writesThroughTheLoopbackPortOfARunningParleySurviveKillMinus9() throws Exception {
        Path data = dir.resolve("data");
        int total = 0;
        Map<String, String> attach = Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2",
                "PARLEY_MONGO_SERVER_SELECTION_TIMEOUT_MS", "2000");
        for (int round = 0; round < rounds(); round++) {
            Process owner = start(List.of(DataDirectoryOwner.class.getName(), data.toString()));
            awaitLine(owner, "READY");
            List<String> acknowledged;
            // a CLI command beside a running server: it finds data/mongo.port and writes through it
            try (Parley cli = Parley.connect(ParleyConfig.from(attach))) {
                DocumentCollection items = cli.tenant("kill").documents("items");
                acknowledged = writeUntilKilled(owner, "r" + round, items::insert);
            }
            assertKilled(owner);
            total += acknowledged.size();

            try (Parley restarted = Parley.connect(ParleyConfig.from(attach))) {
                DocumentCollection items = restarted.tenant("kill").documents("items");
                assertThat(missing(acknowledged, ids -> items.find(new Document("_id", new Document("$in", ids)), null, ids.size(), null)
                        .stream().map(d -> d.getString("_id")).toList()))
                        .as("acknowledged through mongo.port but lost after kill -9 in round " + round).isEmpty();
            }
        }
        System.out.println("mongo.port kill -9: " + rounds() + " rounds, " + total + " acknowledged writes, none lost");
    }

    /**
     * Runs {@link #WRITERS} concurrent writers until the server dies; SIGKILLs it once
     * {@link #KILL_AFTER} writes are acknowledged. Returns every id whose insert was acknowledged.
     */
    private static List<String> writeUntilKilled(Process server, String round, Consumer<Document> insert) throws InterruptedException {
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        CountDownLatch enough = new CountDownLatch(KILL_AFTER);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        String id = round + "-" + writer + "-" + i;
                        insert.accept(new Document("_id", id).append("organization_id", "kill").append("payload", "x".repeat(200)));
                        acknowledged.add(id);
                        enough.countDown();
                    }
                } catch (RuntimeException serverGone) {
                    // the kill: this writer's last insert was not acknowledged
                }
            });
            thread.start();
            writers.add(thread);
        }
        assertThat(enough.await(60, TimeUnit.SECONDS)).as("writes acknowledged before the kill").isTrue();
        server.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
        for (Thread thread : writers) {
            thread.join(120_000);
            assertThat(thread.isAlive()).as("writer stopped after the kill").isFalse();
        }
        return List.copyOf(acknowledged);
    }

    private static List<String> missing(List<String> acknowledged, Function<List<String>, List<String>> found) {
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER);
        List<String> missing = new ArrayList<>();
        for (int from = 0; from < acknowledged.size(); from += 500) {
            List<String> batch = acknowledged.subList(from, Math.min(acknowledged.size(), from + 500));
            Set<String> there = Set.copyOf(found.apply(batch));
            batch.stream().filter(id -> !there.contains(id)).forEach(missing::add);
        }
        return missing;
    }

    private static void assertKilled(Process server) throws InterruptedException {
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    private static int rounds() {
        return Integer.parseInt(System.getenv().getOrDefault("PARLEY_DURABILITY_ROUNDS", "2"));
    }

    private static Process start(List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("MONGO") || name.startsWith("PARLEY_"));
        return builder.start();
    }

    /** The connection string {@code embedded-mongo} prints once it listens. */
    private static String uriPrintedBy(Process server) throws IOException {
        String line = awaitLine(server, "embedded MongoDB-compatible server on ");
        return line.split(" ")[4];
    }

    /** Reads the child's output up to the first line starting with {@code prefix}; the rest is drained in the background. */
    private static String awaitLine(Process child, String prefix) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith(prefix)) {
                Thread drain = new Thread(() -> {
                    try {
                        lines.transferTo(Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the child died
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return line;
            }
            seen.add(line);
        }
        throw new AssertionError("child ended before printing '" + prefix + "':\n" + seen.stream().collect(Collectors.joining("\n")));
    }

    /** Child process: owns a data directory (and so serves it on mongo.port) until killed. */
    public static final class DataDirectoryOwner {

        public static void main(String[] args) throws Exception {
            Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", args[0], "PARLEY_EMBEDDED", "h2")));
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
