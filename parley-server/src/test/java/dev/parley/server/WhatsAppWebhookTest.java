package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Meta's webhook end to end, with fixtures written from Meta's published examples. */
class WhatsAppWebhookTest extends ServerTestSupport {

    private static final String PHONE = "106540352242922";
    private static final String SECRET = "app-secret-of-acme-wa";
    private String acme;
    private String beta;

    @BeforeAll
    void channels() {
        acme = keyFor("wa-acme");
        beta = keyFor("wa-beta");
        Reply registered = send("PUT", "/api/v1/channels/whatsapp/" + PHONE, acme, "application/json",
                "{\"app_secret\":\"" + SECRET + "\",\"verify_token\":\"verify-me-123\",\"display_phone_number\":\"15550783881\",\"waba_id\":\"102290129340398\"}");
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body()).doesNotContain(SECRET).doesNotContain("verify-me-123");
        send("PUT", "/api/v1/channels/whatsapp/999000111", beta, "application/json",
                "{\"app_secret\":\"beta-secret\",\"verify_token\":\"beta-token\"}");
    }

    @Test
    void metasVerificationHandshake() {
        Reply ok = get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me-123&hub.challenge=1158201444", null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.contentType()).startsWith("text/plain");
        assertThat(get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1", null).status()).isEqualTo(403);
        assertThat(get("/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=verify-me-123&hub.challenge=1", null).status())
                .isEqualTo(403);
    }

    @Test
    void inboundMessagesOfEveryTypeLandInTheTenantsConversation() throws IOException {
        Reply reply = post(fixture("inbound-messages.json"), true);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("messages").asInt()).isEqualTo(19);

        JsonNode text = get("/api/v1/messages/wamid.TEXT1", acme).json();
        assertThat(text.get("direction").asString()).isEqualTo("inbound");
        assertThat(text.get("conversation_id").asString()).isEqualTo("16505551234");
        assertThat(text.get("content").asString()).isEqualTo("Does it come in another color?");
        assertThat(text.get("metadata").get("profile_name").asString()).isEqualTo("Sheena Nelson");
        assertThat(text.get("created_at").asString()).isEqualTo("2025-06-08T20:59:43Z");
        assertThat(get("/api/v1/messages/wamid.REPLY1", acme).json().get("reply_to").asString()).isEqualTo("wamid.TEXT1");
        assertThat(get("/api/v1/messages/wamid.IMG1", acme).json().get("metadata").get("media_id").asString()).isEqualTo("1003383421387256");
        assertThat(get("/api/v1/messages/wamid.VOICE1", acme).json().get("metadata").get("voice").asBoolean()).isTrue();
        assertThat(get("/api/v1/messages/wamid.DOC1", acme).json().get("message_type").asString()).isEqualTo("document");
        assertThat(get("/api/v1/messages/wamid.LOC1", acme).json().get("content").asString()).isEqualTo("Kingdom Centre, Riyadh");
        assertThat(get("/api/v1/messages/wamid.CONTACTS1", acme).json().get("content").asString()).isEqualTo("Barbara Johnson");
        assertThat(get("/api/v1/messages/wamid.BTNREPLY1", acme).json().get("content").asString()).isEqualTo("Yes");
        assertThat(get("/api/v1/messages/wamid.LISTREPLY1", acme).json().get("content").asString()).isEqualTo("Blue");
        assertThat(get("/api/v1/messages/wamid.BUTTON1", acme).json().get("content").asString()).isEqualTo("Stop promotions");
        assertThat(get("/api/v1/messages/wamid.REACT1", acme).json().get("content").asString()).isEqualTo("👍");
        assertThat(get("/api/v1/messages/wamid.UNREACT1", acme).json().get("metadata").get("reaction_removed").asBoolean()).isTrue();
        assertThat(get("/api/v1/messages/wamid.ORDER1", acme).json().get("message_type").asString()).isEqualTo("order");
        assertThat(get("/api/v1/messages/wamid.SYSTEM1", acme).json().get("content").asString()).isEqualTo("User changed number");
        assertThat(get("/api/v1/messages/wamid.REFERRAL1", acme).json().get("metadata").get("referral").get("source_type").asString())
                .isEqualTo("ad");
        JsonNode unsupported = get("/api/v1/messages/wamid.UNSUPPORTED1", acme).json();
        assertThat(unsupported.get("message_type").asString()).isEqualTo("unknown");
        assertThat(unsupported.get("metadata").get("errors").get(0).get("code").asInt()).isEqualTo(131051);

        JsonNode conversation = get("/api/v1/conversations/16505551234", acme).json();
        assertThat(conversation.get("channel").asString()).isEqualTo("whatsapp");
        assertThat(conversation.get("phone_number_id").asString()).isEqualTo(PHONE);
        assertThat(get("/api/v1/conversations/16505551234/messages?limit=100", acme).json().get("count").asInt()).isEqualTo(19);

        // a duplicate delivery changes nothing
        assertThat(post(fixture("inbound-messages.json"), true).status()).isEqualTo(200);
        assertThat(get("/api/v1/conversations/16505551234/messages?limit=100", acme).json().get("count").asInt()).isEqualTo(19);
        // tenant isolation: the other tenant sees none of it
        assertThat(get("/api/v1/messages/wamid.TEXT1", beta).status()).isEqualTo(404);
        assertThat(get("/api/v1/conversations/16505551234", beta).status()).isEqualTo(404);
    }

    @Test
    void statusesFollowTheRulesAndKeepPricingAndErrors() throws IOException {
        Reply reply = post(fixture("statuses.json"), true);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("statuses").asInt()).isEqualTo(8);
        assertThat(reply.json().get("problems").toString()).contains("warning").contains("130429");

        JsonNode out1 = get("/api/v1/messages/wamid.OUT1", acme).json();
        assertThat(out1.get("status").asString()).isEqualTo("read");
        assertThat(out1.get("status_count").asInt()).isEqualTo(3);
        assertThat(out1.get("pricing").get("category").asString()).isEqualTo("marketing");
        assertThat(out1.get("whatsapp_conversation").get("origin").get("type").asString()).isEqualTo("marketing");
        assertThat(out1.get("biz_opaque_callback_data").asString()).isEqualTo("campaign-7");
        JsonNode out2 = get("/api/v1/messages/wamid.OUT2", acme).json();
        assertThat(out2.get("status").asString()).isEqualTo("failed");
        assertThat(out2.get("errors").get(0).get("code").asInt()).isEqualTo(131026);
        assertThat(out2.get("status_count").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/messages/wamid.OUT3", acme).json().get("status").asString()).isEqualTo("played");
        assertThat(get("/api/v1/messages/wamid.OUT4", acme).json().get("status").asString()).isEqualTo("deleted");
        assertThat(get("/api/v1/messages/wamid.OUT1", beta).status()).isEqualTo(404);
    }

    @Test
    void signaturesAreCheckedWithTheChannelsAppSecret() throws IOException {
        byte[] body = fixture("statuses.json");
        assertThat(postWith(body, null).status()).isEqualTo(401);
        assertThat(postWith(body, "sha256=" + "0".repeat(64)).status()).isEqualTo(401);
        assertThat(postWith(body, sign(body, "beta-secret")).status()).isEqualTo(401);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("campaign-7", "campaign-8").getBytes(StandardCharsets.UTF_8);
        Reply forged = postWith(tampered, sign(body, SECRET));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(post(body, true).status()).isEqualTo(200);
    }

    @Test
    void aRotatedAppSecretOrARemovedNumberAppliesToTheVeryNextPayload() {
        String number = "888000888";
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"metadata\":"
                + "{\"phone_number_id\":\"" + number + "\"},\"statuses\":[{\"id\":\"wamid.ROT\",\"status\":\"sent\",\"timestamp\":\"1\"}]}}]}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String path = "/api/v1/channels/whatsapp/" + number;
        assertThat(send("PUT", path, acme, "application/json", "{\"app_secret\":\"old-secret\",\"verify_token\":\"t\"}").status())
                .isEqualTo(200);
        assertThat(postWith(bytes, sign(bytes, "old-secret")).status()).isEqualTo(200); // the lookup is now cached
        assertThat(send("PUT", path, acme, "application/json", "{\"app_secret\":\"new-secret\"}").status()).isEqualTo(200);
        assertThat(postWith(bytes, sign(bytes, "old-secret")).status()).isEqualTo(401);
        assertThat(postWith(bytes, sign(bytes, "new-secret")).status()).isEqualTo(200);
        assertThat(send("DELETE", path, acme, null, null).status()).isIn(200, 204);
        Reply afterDelete = postWith(bytes, sign(bytes, "new-secret"));
        assertThat(afterDelete.status()).isEqualTo(200);
        assertThat(afterDelete.json().get("problems").get(0).asString()).contains("unrouted");
    }

    @Test
    void unregisteredNumbersAreAcknowledgedAndKeptUnrouted() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"metadata\":"
                + "{\"phone_number_id\":\"555000555\"},\"statuses\":[{\"id\":\"wamid.LOST\",\"status\":\"sent\",\"timestamp\":\"1\"}]}}]}]}";
        Reply reply = postWith(body.getBytes(StandardCharsets.UTF_8), null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("problems").get(0).asString()).contains("unrouted");
        assertThat(get("/api/v1/messages/wamid.LOST", acme).status()).isEqualTo(404);
    }

    @Test
    void storedPayloadsReplayIdempotentlyAndRouteNumbersRegisteredLater() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"metadata\":"
                + "{\"phone_number_id\":\"777000777\"},\"statuses\":[{\"id\":\"wamid.LATE\",\"status\":\"delivered\","
                + "\"timestamp\":\"1750263772\",\"recipient_id\":\"16505550000\"}]}}]}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(postWith(bytes, sign(bytes, "late-secret")).status()).isEqualTo(200);
        Reply unrouted = get("/api/v1/admin/webhooks/unrouted", ADMIN_KEY);
        assertThat(unrouted.body()).contains("777000777");
        assertThat(get("/api/v1/admin/webhooks/unrouted", acme).status()).isEqualTo(403);

        send("PUT", "/api/v1/channels/whatsapp/777000777", acme, "application/json",
                "{\"app_secret\":\"late-secret\",\"verify_token\":\"t\"}");
        parley.whatsAppWebhook().replayAll(null, null, receipt -> { });
        JsonNode routed = get("/api/v1/messages/wamid.LATE", acme).json();
        assertThat(routed.get("status").asString()).isEqualTo("delivered");

        parley.whatsAppWebhook().replayAll(null, null, receipt -> { });
        JsonNode again = get("/api/v1/messages/wamid.LATE", acme).json();
        assertThat(again.get("status_count").asInt()).isEqualTo(1);
        assertThat(again.get("updated_at").asString()).isEqualTo(routed.get("updated_at").asString());
        assertThat(get("/api/v1/messages/wamid.TEXT1", beta).status()).isEqualTo(404);
    }

    @Test
    void aThousandStatusBatchLandsWhole() {
        StringBuilder statuses = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            statuses.append(i == 0 ? "" : ",").append("{\"id\":\"wamid.BULK").append(i % 400).append("\",\"status\":\"")
                    .append(new String[] {"sent", "delivered", "read"}[i / 400 % 3]).append("\",\"timestamp\":\"")
                    .append(1750263000 + i).append("\",\"recipient_id\":\"1650555").append(i % 7).append("\"}");
        }
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"metadata\":"
                + "{\"phone_number_id\":\"" + PHONE + "\"},\"statuses\":[" + statuses + "]}}]}]}").getBytes(StandardCharsets.UTF_8);
        Reply reply = post(body, true);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("statuses").asInt()).isEqualTo(1_000);
        assertThat(get("/api/v1/messages/wamid.BULK0", acme).json().get("status_count").asInt()).isEqualTo(3);
        assertThat(get("/api/v1/messages/wamid.BULK0", acme).json().get("status").asString()).isEqualTo("read");
        assertThat(get("/api/v1/messages/wamid.BULK399", acme).json().get("status_count").asInt()).isEqualTo(2);
    }

    @Test
    void bodiesOverOneMebibyteAre413() {
        byte[] big = ("{\"pad\":\"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        Reply reply = post(big, true);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void onlyInvalidJsonIsRefused() {
        assertThat(postWith("{not json".getBytes(StandardCharsets.UTF_8), null).status()).isEqualTo(400);
        assertThat(postWith("{}".getBytes(StandardCharsets.UTF_8), null).status()).isEqualTo(200);
        assertThat(postWith("{\"entry\":\"weird\",\"object\":42}".getBytes(StandardCharsets.UTF_8), null).status()).isEqualTo(200);
    }

    @Test
    void channelsAreTenantScopedAndNeverShowSecrets() {
        assertThat(get("/api/v1/channels/whatsapp/" + PHONE, acme).json().get("app_secret_set").asBoolean()).isTrue();
        assertThat(get("/api/v1/channels/whatsapp/" + PHONE, acme).body()).doesNotContain(SECRET);
        assertThat(get("/api/v1/channels/whatsapp/" + PHONE, beta).status()).isEqualTo(404);
        assertThat(send("PUT", "/api/v1/channels/whatsapp/" + PHONE, beta, "application/json",
                "{\"app_secret\":\"x\",\"verify_token\":\"y\"}").status()).isEqualTo(409);
        assertThat(send("DELETE", "/api/v1/channels/whatsapp/" + PHONE, beta, null, null).status()).isEqualTo(404);
        assertThat(get("/api/v1/channels", beta).json().get("count").asInt()).isEqualTo(1);
        assertThat(send("PUT", "/api/v1/channels/whatsapp/new-number", acme, "application/json", "{}").json().get("field").asString())
                .isEqualTo("app_secret");
    }

    private Reply post(byte[] body, boolean signed) {
        return postWith(body, signed ? sign(body, SECRET) : null);
    }

    private Reply postWith(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/whatsapp"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        try {
            long start = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response, java.time.Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = WhatsAppWebhookTest.class.getResourceAsStream("/whatsapp/" + name)) {
            return in.readAllBytes();
        }
    }
}
