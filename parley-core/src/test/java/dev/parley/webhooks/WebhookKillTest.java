package dev.parley.webhooks;

import dev.parley.NotFoundException;
import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.messages.Messages;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged webhook delivery survives {@code kill -9}, body and effects: a child JVM receives
 * signed deliveries from 8 threads on an H2 data directory and is SIGKILLed mid-stream; on restart
 * every acknowledged status is in its message's history and every acknowledged body is stored
 * (the raw record goes in the same group commit as the statuses, so one flush covers both).
 */
class WebhookKillTest {

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedDeliveriesSurviveKillMinus9() throws Exception {
        survivesKills("applied");
    }

    /**
     * Acknowledged once in the delivery log, before the store has them: after the kill, the log's
     * records not marked applied are applied when the log is opened again, before anything is read.
     */
    @Test
    void deliveriesAcknowledgedOnceLoggedSurviveKillMinus9() throws Exception {
        survivesKills("logged");
    }

    private void survivesKills(String acknowledgement) throws Exception {
        int rounds = Integer.parseInt(System.getenv().getOrDefault("PARLEY_DURABILITY_ROUNDS", "3"));
        for (int round = 0; round < rounds; round++) {
            List<String[]> acknowledged = receiveThenKill(acknowledgement.charAt(0) + "r" + round, 300 + round * 41, acknowledgement);
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
            try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString(),
                    "PARLEY_EMBEDDED", "h2")));
                 AutoCloseable log = "logged".equals(acknowledgement)
                         ? parley.whatsAppWebhook().logDeliveries(dataDir.resolve(WebhookDeliveryWriter.LOG), 16 << 20)
                         : () -> { }) {
                Messages messages = parley.tenant(WebhookDeliveryWriter.TENANT).messages();
                List<String> lost = new ArrayList<>();
                for (String[] ack : acknowledged) {
                    if (!inHistory(messages, ack[0], ack[1])) {
                        lost.add(ack[0] + " " + ack[1]);
                    }
                }
                assertThat(lost).as("acknowledged statuses lost after kill -9 in round " + round).isEmpty();
                Set<String> stored = new HashSet<>();
                parley.whatsAppWebhook().replayAll(null, WebhookDeliveryWriter.TENANT, receipt -> stored.add(receipt.rawId()));
                assertThat(acknowledged.stream().map(ack -> ack[2]).filter(id -> !stored.contains(id)).toList())
                        .as("acknowledged bodies lost after kill -9 in round " + round).isEmpty();
            }
        }
    }

    private static boolean inHistory(Messages messages, String messageId, String status) {
        try {
            return messages.get(messageId).getList("status_history", Document.class).stream()
                    .anyMatch(entry -> status.equals(entry.getString("status")));
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Starts the receiver, SIGKILLs it once {@code atLeast} deliveries were acknowledged; returns them all. */
    private List<String[]> receiveThenKill(String round, int atLeast, String acknowledgement) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WebhookDeliveryWriter.class.getName(), dataDir.toString(), round,
                acknowledgement)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String[]> acknowledged = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("wamid." + round + "-")) {
                    acknowledged.add(line.split(" "));
                }
                if (acknowledged.size() == atLeast) {
                    child.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(child.exitValue()).as("child killed by SIGKILL").isEqualTo(137);
        return acknowledged;
    }
}
