package dev.parley.server;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unauthenticated storage through the webhooks is bounded: deliveries naming no registered number
 * or account are budgeted per sender address and per unknown id (200 and dropped beyond it, so
 * Meta does not retry for days), each keeps a prefix, all of them a total. Senders are told apart
 * by their address: each test sends from an address of its own on 127.0.0.0/8.
 */
class UnroutedWebhooksApiTest extends ServerTestSupport {

    private static final int PREFIX = 1_024;
    private static final int SLOTS = 3;
    private static final long MAX_BYTES = SLOTS * (PREFIX + 2_048L);

    @DynamicPropertySource
    static void unroutedBudgets(DynamicPropertyRegistry registry) {
        registry.add("parley.unrouted.limit-address", () -> "10/1h");
        registry.add("parley.unrouted.limit-id", () -> "3/1h");
        registry.add("parley.unrouted.prefix-bytes", () -> Integer.toString(PREFIX));
        registry.add("parley.unrouted.max-bytes", () -> Long.toString(MAX_BYTES));
    }

    private record Answer(int status, JsonNode json) {
    }

    @Test
    void aFloodFromOneAddressIsAcknowledgedButOnlyItsBudgetIsKept() throws Exception {
        double droppedBefore = unroutedTotal("whatsapp", "dropped");
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            Answer answer = postFrom("127.0.0.2", "/webhooks/whatsapp", "application/json", payload("7100" + i, "z".repeat(4_000)), Map.of());
            assertThat(answer.status()).isEqualTo(200);
            outcomes.merge(answer.json().get("status").asString(), 1, Integer::sum);
        }

        assertThat(outcomes).containsEntry("received", 10).containsEntry("dropped", 20);
        List<Document> kept = parley.rawWebhooks().unrouted(1_000).stream()
                .filter(d -> d.getString("_id").startsWith("_unrouted|")).toList();
        assertThat(kept).hasSizeLessThanOrEqualTo(SLOTS).allSatisfy(d -> {
            assertThat(d.getBoolean("truncated")).isTrue();
            assertThat(d.get("body_size", Number.class).intValue()).isGreaterThan(4_000);
        });
        assertThat(kept.stream().mapToLong(d -> d.toJson().getBytes(StandardCharsets.UTF_8).length).sum()).isLessThanOrEqualTo(MAX_BYTES);
        assertThat(unroutedTotal("whatsapp", "dropped") - droppedBefore).isEqualTo(20);

        // the same address's registered, signed deliveries are not charged to the spent budget
        String acme = keyFor("unrouted-acme");
        assertThat(send("PUT", "/api/v1/channels/whatsapp/7199", acme, "application/json",
                "{\"app_secret\":\"acme-secret\",\"verify_token\":\"t\"}").status()).isEqualTo(200);
        byte[] routed = payload("7199", "x");
        Answer signed = postFrom("127.0.0.2", "/webhooks/whatsapp", "application/json", routed,
                Map.of("X-Hub-Signature-256", sign(routed, "acme-secret")));
        assertThat(signed.status()).isEqualTo(200);
        assertThat(signed.json().get("status").asString()).isEqualTo("received");
        assertThat(signed.json().get("statuses").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/messages/wamid.UNROUTED", acme).json().get("status").asString()).isEqualTo("sent");
    }

    @Test
    void oneUnknownNumberIsBudgetedWhicheverAddressSendsIt() throws Exception {
        int received = 0;
        for (int i = 0; i < 5; i++) {
            Answer answer = postFrom("127.0.0.3", "/webhooks/whatsapp", "application/json", payload("7300", "x"), Map.of());
            received += answer.json().get("status").asString().equals("received") ? 1 : 0;
        }
        assertThat(received).isEqualTo(3);
        assertThat(postFrom("127.0.0.4", "/webhooks/whatsapp", "application/json", payload("7300", "x"), Map.of())
                .json().get("status").asString()).isEqualTo("dropped");
        assertThat(postFrom("127.0.0.4", "/webhooks/whatsapp", "application/json", payload("7301", "x"), Map.of())
                .json().get("status").asString()).isEqualTo("received");
    }

    @Test
    void anUnknownTwilioAccountIsBoundedTheSameWay() throws Exception {
        String form = "AccountSid=AC-unknown&MessageSid=SM1&MessageStatus=delivered&Body=" + "b".repeat(3_000);
        Answer first = postFrom("127.0.0.5", "/webhooks/twilio", "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("status").asString()).isEqualTo("received");
        Document stored = parley.rawWebhooks().unrouted(1_000).stream()
                .filter(d -> d.getString("_id").equals(first.json().get("raw_id").asString())).findFirst().orElseThrow();
        assertThat(stored.getBoolean("truncated")).isTrue();
        assertThat(stored.getString("body").length()).isEqualTo(PREFIX);

        for (int i = 0; i < 2; i++) {
            postFrom("127.0.0.5", "/webhooks/twilio", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), Map.of());
        }
        Answer over = postFrom("127.0.0.5", "/webhooks/twilio", "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(over.status()).isEqualTo(200);
        assertThat(over.json().get("status").asString()).isEqualTo("dropped");
        assertThat(over.json().has("raw_id")).isFalse();
    }

    private static byte[] payload(String phoneNumberId, String padding) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"metadata\":"
                + "{\"phone_number_id\":\"" + phoneNumberId + "\"},\"statuses\":[{\"id\":\"wamid.UNROUTED\",\"status\":\"sent\","
                + "\"timestamp\":\"1750263772\",\"recipient_id\":\"16505550000\",\"note\":\"" + padding + "\"}]}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** HTTP/1.0 (no chunked answer to decode) from a chosen loopback address: the server sees it as the sender. */
    private Answer postFrom(String address, String path, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + body.length + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(reply.substring(reply.indexOf(' ') + 1, reply.indexOf(' ') + 4));
            return new Answer(status, JsonMapper.builder().build().readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4)));
        }
    }

    private double unroutedTotal(String provider, String outcome) {
        Matcher m = Pattern.compile("parley_webhook_unrouted_total\\{outcome=\"" + outcome + "\",provider=\"" + provider
                + "\"[^}]*} ([0-9.E]+)").matcher(get("/actuator/prometheus", null).body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
