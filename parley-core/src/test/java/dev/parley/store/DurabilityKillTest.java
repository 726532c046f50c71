package dev.parley.store;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.documents.DocumentCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged write survives {@code kill -9}: a child JVM writes into an H2 data directory,
 * is SIGKILLed right after acknowledging, and every acknowledged document is found on restart.
 * Rounds: PARLEY_DURABILITY_ROUNDS (default 3; the closing note records a run of 20).
 */
class DurabilityKillTest {

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedWritesSurviveKillMinus9() throws Exception {
        int rounds = Integer.parseInt(System.getenv().getOrDefault("PARLEY_DURABILITY_ROUNDS", "3"));
        int total = 0;
        for (int round = 0; round < rounds; round++) {
            List<String> acknowledged = writeThenKill("r" + round, 400 + round * 37);
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(400);
            total += acknowledged.size();
            try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString(),
                    "PARLEY_EMBEDDED", "h2")))) {
                DocumentCollection items = parley.tenant("durable").documents("items");
                List<String> missing = new ArrayList<>();
                for (int from = 0; from < acknowledged.size(); from += 500) {
                    List<String> batch = acknowledged.subList(from, Math.min(acknowledged.size(), from + 500));
                    List<String> found = items.find(new Document("_id", new Document("$in", batch)), null, 1000, null)
                            .stream().map(d -> d.getString("_id")).toList();
                    batch.stream().filter(id -> !found.contains(id)).forEach(missing::add);
                }
                assertThat(missing).as("acknowledged but lost after kill -9 in round " + round).isEmpty();
            }
        }
        System.out.println("durability: " + rounds + " rounds, " + total + " acknowledged writes, none lost");
    }

    /** Starts the writer, SIGKILLs it once it has acknowledged {@code atLeast} writes, returns every id it acknowledged. */
    private List<String> writeThenKill(String round, int atLeast) throws Exception {
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                DurabilityWriter.class.getName(), dataDir.toString(), round)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(round + "-")) {
                    acknowledged.add(line);
                }
                if (acknowledged.size() == atLeast) {
                    // SIGKILL on Unix: no shutdown hooks, no final commit. Through the handle, so that
                    // the ids the child printed before dying can still be read to the end.
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(child.exitValue()).as("child killed by SIGKILL").isEqualTo(137);
        return acknowledged;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
