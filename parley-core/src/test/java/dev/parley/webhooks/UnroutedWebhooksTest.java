package dev.parley.webhooks;

import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries naming no registered number or account are kept bounded: a prefix of each, a total
 * with the oldest making room, nothing at all over budget; registered, signed ones are never charged.
 */
class UnroutedWebhooksTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    /** A ring of {@code slots} payloads of at most 1 KiB each, admitting what {@code admit} says. */
    private record Intake(int slots, boolean admit, AtomicInteger asked) implements UnroutedIntake {

        Intake(int slots) {
            this(slots, true, new AtomicInteger());
        }

        @Override
        public boolean admit(String provider, List<String> unknownIds) {
            asked.incrementAndGet();
            return admit;
        }

        @Override
        public int prefixBytes() {
            return 1_024;
        }

        @Override
        public long maxBytes() {
            return (long) slots * (1_024 + RawWebhooks.SLOT_OVERHEAD);
        }
    }

    private static byte[] payload(String phoneNumberId, String padding) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"metadata\":"
                + "{\"phone_number_id\":\"" + phoneNumberId + "\"},\"statuses\":[{\"id\":\"wamid.U\",\"status\":\"sent\","
                + "\"timestamp\":\"1\",\"note\":\"" + padding + "\"}]}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Document> unrouted(String provider) {
        return parley.get().rawWebhooks().unrouted(1_000).stream().filter(d -> provider.equals(d.getString("provider"))).toList();
    }

    @Test
    void aPayloadBiggerThanThePrefixIsStoredTruncatedWithItsSizeAndIsNotReplayed() {
        byte[] big = payload("100000001", "é".repeat(3_000)); // two bytes a character: the cut must not split one
        WhatsAppWebhook.Receipt receipt = parley.get().whatsAppWebhook().receive(big, null, new Intake(4));

        assertThat(receipt.status()).isEqualTo(200);
        Document stored = parley.get().rawWebhooks().unrouted(1_000).stream()
                .filter(d -> d.getString("_id").equals(receipt.rawId())).findFirst().orElseThrow();
        assertThat(stored.getBoolean("truncated")).isTrue();
        assertThat(stored.get("body_size", Number.class).intValue()).isEqualTo(big.length);
        String body = stored.getString("body");
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isBetween(1_023, 1_024);
        assertThat(new String(big, StandardCharsets.UTF_8)).startsWith(body);
        assertThat(stored.get("outcome", Document.class).getList("problems", String.class))
                .containsExactly("unrouted phone_number_id 100000001");

        WhatsAppWebhook.Receipt replayed = parley.get().whatsAppWebhook().replay(stored);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.detail()).contains("cannot be replayed");

        WhatsAppWebhook.Receipt small = parley.get().whatsAppWebhook().receive(payload("100000001", "x"), null, new Intake(4));
        Document whole = parley.get().rawWebhooks().unrouted(1_000).stream()
                .filter(d -> d.getString("_id").equals(small.rawId())).findFirst().orElseThrow();
        assertThat(whole.getBoolean("truncated")).isFalse();
        assertThat(whole.getString("body")).isEqualTo(new String(payload("100000001", "x"), StandardCharsets.UTF_8));
    }

    @Test
    void theTotalIsCappedAndEvictionKeepsTheNewest() {
        Intake intake = new Intake(5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ids.add(parley.get().twilioWebhook().receive("http://x/webhooks/twilio", Map.of("AccountSid", "AC-ring-" + i),
                    "AccountSid=AC-ring-" + i + "&pad=" + "y".repeat(3_000), null, intake).rawId());
        }

        List<Document> kept = unrouted("twilio");
        assertThat(kept).hasSize(5);
        assertThat(kept).extracting(d -> d.get("outcome", Document.class).getList("problems", String.class).get(0))
                .containsExactlyInAnyOrder("unrouted AccountSid AC-ring-22", "unrouted AccountSid AC-ring-21", "unrouted AccountSid AC-ring-20",
                        "unrouted AccountSid AC-ring-19", "unrouted AccountSid AC-ring-18");
        long bytes = kept.stream().mapToLong(d -> d.toJson().getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(bytes).isLessThanOrEqualTo(intake.maxBytes());
        assertThat(kept).allSatisfy(d -> assertThat(d.getBoolean("truncated")).isTrue());
        assertThat(ids.subList(18, 23)).containsExactlyInAnyOrderElementsOf(kept.stream().map(d -> d.getString("_id")).toList());
    }

    @Test
    void overBudgetTheDeliveryIsAcknowledgedAndDropped() {
        long before = unrouted("whatsapp").size();
        WhatsAppWebhook.Receipt receipt = parley.get().whatsAppWebhook().receive(payload("100000002", "x"), null,
                new Intake(4, false, new AtomicInteger()));

        assertThat(receipt.status()).isEqualTo(200); // Meta retries anything else for days
        assertThat(receipt.rawId()).isNull();
        assertThat(receipt.problems()).anyMatch(p -> p.contains("over budget"));
        assertThat(unrouted("whatsapp")).hasSize((int) before);
    }

    @Test
    void registeredSignedDeliveriesAreNeverChargedToTheUnroutedBudget() throws Exception {
        parley.get().tenants().create("unrouted-routed", null, null);
        parley.get().channels().registerWhatsApp("unrouted-routed", "100000003",
                new Document("app_secret", "routed-secret").append("verify_token", "t"));
        Intake refusing = new Intake(1, false, new AtomicInteger());
        byte[] body = payload("100000003", "x");

        WhatsAppWebhook.Receipt receipt = parley.get().whatsAppWebhook().receive(body, sign(body, "routed-secret"), refusing);

        assertThat(receipt.status()).isEqualTo(200);
        assertThat(receipt.rawId()).isNotNull();
        assertThat(receipt.statuses()).isEqualTo(1);
        assertThat(refusing.asked()).hasValue(0);
        assertThat(parley.get().tenant("unrouted-routed").messages().get("wamid.U").getString("status")).isEqualTo("sent");
    }

    @Test
    void aPayloadNamingManyUnknownNumbersIsChargedAndStoredForABoundedFew() {
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            changes.append(i == 0 ? "" : ",").append("{\"value\":{\"metadata\":{\"phone_number_id\":\"").append(i).append("-")
                    .append("0".repeat(200)).append("\"}}}");
        }
        byte[] body = ("{\"entry\":[{\"changes\":[" + changes + "]}]}").getBytes(StandardCharsets.UTF_8);
        List<List<String>> charged = new ArrayList<>();
        UnroutedIntake recording = (provider, unknownIds) -> charged.add(unknownIds) || true;

        WhatsAppWebhook.Receipt receipt = parley.get().whatsAppWebhook().receive(body, "sha256=" + "f".repeat(5_000), recording);

        assertThat(charged).hasSize(1);
        assertThat(charged.get(0)).hasSize(UnroutedDeliveries.MAX_IDS).allSatisfy(id -> assertThat(id).hasSize(UnroutedDeliveries.MAX_ID_LENGTH));
        assertThat(receipt.problems()).hasSize(UnroutedDeliveries.MAX_IDS + 1).last().isEqualTo("and 40 more unrouted phone_number_ids");
        Document stored = parley.get().rawWebhooks().unrouted(1_000).stream()
                .filter(d -> d.getString("_id").equals(receipt.rawId())).findFirst().orElseThrow();
        assertThat(stored.getString("signature")).hasSize(RawWebhooks.MAX_SIGNATURE);
    }

    private static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
