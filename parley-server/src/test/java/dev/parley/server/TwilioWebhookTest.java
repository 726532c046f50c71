package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Twilio status callbacks, signed as Twilio's documentation describes. */
class TwilioWebhookTest extends ServerTestSupport {

    private static final String SID = "AC1234567890abcdef";
    private static final String TOKEN = "twilio-auth-token";
    private String acme;

    @BeforeAll
    void account() {
        acme = keyFor("tw-acme");
        Reply registered = send("PUT", "/api/v1/channels/twilio/" + SID, acme, "application/json", "{\"auth_token\":\"" + TOKEN + "\"}");
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body()).doesNotContain(TOKEN);
    }

    @Test
    void statusCallbacksMapOntoParleysStatusesAndRetriesLandOnce() {
        assertThat(callback(Map.of("MessageSid", "SM1", "MessageStatus", "queued", "AccountSid", SID, "To", "whatsapp:+14155550100",
                "From", "whatsapp:+14155238886"), TOKEN).status()).isEqualTo(200);
        callback(Map.of("MessageSid", "SM1", "MessageStatus", "sent", "AccountSid", SID, "To", "whatsapp:+14155550100"), TOKEN);
        callback(Map.of("MessageSid", "SM1", "MessageStatus", "delivered", "AccountSid", SID, "To", "whatsapp:+14155550100"), TOKEN);
        callback(Map.of("MessageSid", "SM1", "MessageStatus", "delivered", "AccountSid", SID, "To", "whatsapp:+14155550100"), TOKEN);
        callback(Map.of("MessageSid", "SM1", "MessageStatus", "sent", "AccountSid", SID, "To", "whatsapp:+14155550100"), TOKEN);

        JsonNode message = get("/api/v1/messages/SM1", acme).json();
        assertThat(message.get("status").asString()).isEqualTo("delivered");
        assertThat(message.get("status_count").asInt()).isEqualTo(3);
        assertThat(message.get("conversation_id").asString()).isEqualTo("14155550100");

        callback(Map.of("MessageSid", "SM2", "MessageStatus", "undelivered", "ErrorCode", "30003", "ErrorMessage", "Unreachable",
                "AccountSid", SID, "To", "+14155550101"), TOKEN);
        JsonNode failed = get("/api/v1/messages/SM2", acme).json();
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("errors").get(0).get("code").asString()).isEqualTo("30003");
    }

    @Test
    void badSignaturesAreRefusedAndUnknownAccountsKeptUnrouted() {
        Map<String, String> params = Map.of("MessageSid", "SM9", "MessageStatus", "sent", "AccountSid", SID);
        assertThat(callback(params, "wrong-token").status()).isEqualTo(401);
        assertThat(callback(params, null).status()).isEqualTo(401);
        assertThat(get("/api/v1/messages/SM9", acme).status()).isEqualTo(404);

        Reply unknown = callback(Map.of("MessageSid", "SM8", "MessageStatus", "sent", "AccountSid", "ACunknown"), "x");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("problems").get(0).asString()).contains("unrouted");
        assertThat(get("/api/v1/channels/twilio/" + SID, keyFor("tw-other")).status()).isEqualTo(404);
    }

    private Reply callback(Map<String, String> params, String token) {
        String url = "http://127.0.0.1:" + port + "/webhooks/twilio";
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (token != null) {
            request.header("X-Twilio-Signature", sign(url, params, token));
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response, java.time.Duration.ZERO);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String sign(String url, Map<String, String> params, String token) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
