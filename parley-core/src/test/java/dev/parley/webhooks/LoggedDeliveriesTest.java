package dev.parley.webhooks;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.messages.Messages;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries acknowledged once logged: applied soon after, visible once {@code awaitApplied}
 * returns, and applied again without effect when the log is replayed (a crash between the store
 * having them and the log's applied mark).
 */
class LoggedDeliveriesTest {

    @TempDir
    Path dataDir;

    @Test
    void applyingTheLogAgainChangesNothing() throws Exception {
        List<String> rawIds = new ArrayList<>();
        try (Parley parley = connect()) {
            parley.initDb();
            parley.tenants().create(WebhookDeliveryWriter.TENANT, null, null);
            parley.channels().registerWhatsApp(WebhookDeliveryWriter.TENANT, WebhookDeliveryWriter.PHONE,
                    new Document("app_secret", WebhookDeliveryWriter.SECRET).append("verify_token", "t"));
            WhatsAppWebhook webhook = parley.whatsAppWebhook();
            try (LoggedDeliveries log = webhook.logDeliveries(dataDir.resolve("webhook-log"), 1 << 20)) {
                for (int i = 0; i < 60; i++) {
                    byte[] body = WebhookDeliveryWriter.delivery("wamid.logged-" + i / 3, STATUSES[i % 3], 1_767_600_000L + i)
                            .getBytes(StandardCharsets.UTF_8);
                    WhatsAppWebhook.Receipt receipt = webhook.receive(body, WebhookDeliveryWriter.sign(body));
                    assertThat(receipt.status()).isEqualTo(200);
                    assertThat(receipt.statuses()).isEqualTo(1);
                    rawIds.add(receipt.rawId());
                }
                assertThat(log.awaitApplied(Duration.ofSeconds(30))).isTrue();
                assertThat(log.unapplied()).isZero();
                assertHistories(parley.tenant(WebhookDeliveryWriter.TENANT).messages());
            }
        }
        Files.delete(dataDir.resolve("webhook-log").resolve("applied")); // as if the mark never made it to disk
        try (Parley parley = connect();
             LoggedDeliveries log = parley.whatsAppWebhook().logDeliveries(dataDir.resolve("webhook-log"), 1 << 20)) {
            assertHistories(parley.tenant(WebhookDeliveryWriter.TENANT).messages());
            List<String> stored = new ArrayList<>();
            parley.whatsAppWebhook().replayAll(null, WebhookDeliveryWriter.TENANT, receipt -> stored.add(receipt.rawId()));
            assertThat(stored).containsExactlyInAnyOrderElementsOf(rawIds); // one raw record each, not two
            assertHistories(parley.tenant(WebhookDeliveryWriter.TENANT).messages());
        }
    }

    private static final String[] STATUSES = {"sent", "delivered", "read"};

    private static void assertHistories(Messages messages) {
        for (int m = 0; m < 20; m++) {
            Document message = messages.get("wamid.logged-" + m);
            Set<String> seen = new HashSet<>();
            for (Document entry : message.getList("status_history", Document.class)) {
                assertThat(seen.add(entry.getString("status"))).as("no status twice in " + message.get("message_id")).isTrue();
            }
            assertThat(seen).containsExactlyInAnyOrder(STATUSES);
            assertThat(message.getString("status")).isEqualTo("read");
        }
    }

    private Parley connect() {
        return Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_EMBEDDED", "h2")));
    }
}
