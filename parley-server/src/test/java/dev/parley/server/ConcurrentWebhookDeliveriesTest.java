package dev.parley.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meta's real traffic shape: each status of a message in a delivery of its own, the deliveries
 * shuffled and sent concurrently in separate requests, some sent twice (Meta's retries). Every
 * message's whole history is then read back through the API: every status once, the latest the
 * highest-ranked one, nothing regressed; every delivery's body stored; and replaying all of them
 * changes nothing.
 */
class ConcurrentWebhookDeliveriesTest extends ServerTestSupport {

    private static final String PHONE = "106540352299001";
    private static final String SECRET = "app-secret-of-concurrent-wa";
    private static final String[] FLOW = {"sent", "delivered", "read"};
    private static final int MESSAGES = 120;
    private static final int SENDERS = 16;
    private String key;

    @BeforeAll
    void channel() {
        key = keyFor("wa-concurrent");
        assertThat(send("PUT", "/api/v1/channels/whatsapp/" + PHONE, key, "application/json",
                "{\"app_secret\":\"" + SECRET + "\",\"verify_token\":\"concurrent-token\"}").status()).isEqualTo(200);
    }

    /** One status of one message, as Meta reports it. */
    private record Status(String messageId, String status, long second) {
    }

    @Test
    void singleStatusDeliveriesInAnyOrderAndTwiceEndInTheFullDeduplicatedHistory() throws Exception {
        Random random = new Random(19);
        long start = Instant.parse("2026-01-05T09:00:00Z").getEpochSecond();
        Map<String, List<Status>> expected = new LinkedHashMap<>();
        List<Status> deliveries = new ArrayList<>();
        for (int n = 0; n < MESSAGES; n++) {
            String id = "wamid.CONCURRENT" + n;
            int reached = n % 7 == 0 ? 2 : 3; // some are never read
            for (int s = 0; s < reached; s++) {
                Status status = new Status(id, n % 11 == 0 && s == 1 ? "failed" : FLOW[s], start + n * 10L + s * 3L);
                expected.computeIfAbsent(id, i -> new ArrayList<>()).add(status);
                deliveries.add(status);
            }
        }
        // a tenth of the messages were logged by the client before their statuses came
        for (int n = 0; n < MESSAGES; n += 10) {
            assertThat(postJson("/api/v1/messages", key, "{\"message_id\":\"wamid.CONCURRENT" + n
                    + "\",\"conversation_id\":\"" + recipient(n) + "\",\"direction\":\"outbound\",\"content\":\"hello " + n + "\"}")
                    .status()).isEqualTo(201);
        }
        int unique = deliveries.size();
        for (int i = 0; i < unique / 10; i++) {
            deliveries.add(deliveries.get(random.nextInt(unique))); // Meta's retries: the same body again
        }
        Collections.shuffle(deliveries, random);

        Set<String> rawIds = ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (Status status : deliveries) {
                replies.add(senders.submit(() -> post(status)));
            }
            for (Future<Reply> reply : replies) {
                Reply answered = reply.get();
                assertThat(answered.status()).as(answered.body()).isEqualTo(200);
                assertThat(answered.json().get("statuses").asInt()).isEqualTo(1);
                rawIds.add(answered.json().get("raw_id").asString());
            }
        } finally {
            senders.shutdown();
        }
        assertThat(rawIds).as("every delivery's body kept under an id of its own").hasSize(deliveries.size());
        if (parley.embeddedStore()) { // acknowledged once logged (PARLEY_WEBHOOK_ACK=auto): the reads below wait for the applier
            try (Stream<Path> log = Files.list(parley.dataDir().resolve("webhook-log"))) {
                assertThat(log.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".log"));
            }
        }

        assertEveryHistory(expected);
        int replayed = parley.whatsAppWebhook().replayAll(null, "wa-concurrent",
                receipt -> assertThat(receipt.status()).isEqualTo(200));
        assertThat(replayed).as("every acknowledged delivery was stored").isEqualTo(deliveries.size());
        assertEveryHistory(expected); // replays are idempotent
    }

    private void assertEveryHistory(Map<String, List<Status>> expected) {
        for (Map.Entry<String, List<Status>> message : expected.entrySet()) {
            JsonNode stored = get("/api/v1/messages/" + message.getKey(), key).json();
            List<Status> statuses = message.getValue();
            Set<String> history = new HashSet<>();
            List<String> order = new ArrayList<>();
            for (JsonNode entry : stored.get("status_history")) {
                String status = entry.get("status").asString() + "@" + Instant.parse(entry.get("timestamp").asString()).getEpochSecond();
                assertThat(history.add(status)).as(message.getKey() + " holds " + status + " once").isTrue();
                order.add(status);
            }
            assertThat(order).as(message.getKey() + "'s whole history, in time order")
                    .containsExactlyElementsOf(statuses.stream().map(s -> s.status() + "@" + s.second()).toList());
            assertThat(stored.get("status_count").asInt()).isEqualTo(statuses.size());
            Status highest = statuses.stream().max((a, b) -> Integer.compare(rank(a.status()), rank(b.status()))).orElseThrow();
            assertThat(stored.get("status").asString()).as(message.getKey() + " never moved back").isEqualTo(highest.status());
            assertThat(Instant.parse(stored.get("latest_timestamp").asString()).getEpochSecond()).isEqualTo(highest.second());
            assertThat(stored.get("conversation_id").asString()).isEqualTo(recipient(number(message.getKey())));
        }
    }

    private Reply post(Status status) {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + PHONE + "\"},\"statuses\":[{\"id\":\"" + status.messageId() + "\",\"status\":\""
                + status.status() + "\",\"timestamp\":\"" + status.second() + "\",\"recipient_id\":\""
                + recipient(number(status.messageId())) + "\"}]},\"field\":\"messages\"}]}]}";
        return new TestHttp(port).send("POST", "/webhooks/whatsapp", null, "application/json", body,
                Map.of("X-Hub-Signature-256", sign(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static int rank(String status) {
        return List.of("pending", "sent", "delivered", "read", "played", "failed", "deleted").indexOf(status);
    }

    private static int number(String messageId) {
        return Integer.parseInt(messageId.substring("wamid.CONCURRENT".length()));
    }

    private static String recipient(int n) {
        return Long.toString(16_505_550_000L + n % 40);
    }

    private static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
