package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The outside probe's bad-input findings (issue 18, items 7, 8 and 10), one test each. */
class MalformedInputTest extends ServerTestSupport {

    private static final String NOTES = "/api/v1/collections/notes/documents";
    private String key;

    /** Room for 100,000-deep arrays (200 KB), so they reach the parser rather than the size limit. */
    @DynamicPropertySource
    static void largerBodies(DynamicPropertyRegistry registry) {
        registry.add("parley.test.max-body-bytes", () -> "1048576");
    }

    @BeforeAll
    void tenant() {
        key = keyFor("malformed");
    }

    @Test
    void aTenThousandDeepObjectToLoginIs400WithoutCredentials() {
        Reply reply = postJson("/api/v1/auth/login", null, "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));

        assertBadInput(reply);
    }

    @Test
    void aHundredThousandDeepArrayToABatchRouteIs400() {
        for (String route : new String[] {NOTES, "/api/v1/messages", "/api/v1/statuses", "/api/v1/metrics"}) {
            Reply reply = postJson(route, key, "[".repeat(100_000) + "]".repeat(100_000));
            assertBadInput(reply);
        }
    }

    @Test
    void aNulInAKeyIs400ForDocumentsAndConversations() {
        Reply insert = postJson(NOTES, key, "{\"a\\u0000b\":1}");
        assertBadInput(insert);

        assertThat(postJson("/api/v1/conversations", key, "{\"conversation_id\":\"nul-c\",\"agent_id\":\"a\",\"channel\":\"whatsapp\"}")
                .status()).isEqualTo(201);
        Reply patch = send("PATCH", "/api/v1/conversations/nul-c", key, "application/json",
                "{\"metadata\":{\"custom_fields\":{\"x\\u0000y\":1}}}");
        assertBadInput(patch);
    }

    @Test
    void invalidUtf8ToTheTwilioWebhookIs400() {
        byte[] body = "MessageSid=SM1&MessageStatus=sent&AccountSid=AC\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Reply reply = raw("POST", "/webhooks/twilio", "application/x-www-form-urlencoded", body);

        assertBadInput(reply);
    }

    @Test
    void anEmptyBodyToLoginIs400WithoutJavaNames() {
        Reply reply = postJson("/api/v1/auth/login", null, "");

        assertBadInput(reply);
        assertThat(reply.body()).doesNotContain("dev.parley", "java.", "ResponseEntity", "Exception");
    }

    @Test
    void aWildcardContentTypeIs415NotA500() {
        for (String route : new String[] {"/webhooks/whatsapp", NOTES}) {
            Reply reply = send("POST", route, key, "*/*", "{}");
            assertThat(reply.status()).isEqualTo(415);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void getErrorIsNot500() {
        Reply reply = get("/error", null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void dashboardAndApiAnswersCarrySecurityHeaders() {
        for (String page : new String[] {"/", "/dashboard/app.js"}) {
            Reply dashboard = get(page, null);
            assertThat(dashboard.status()).isEqualTo(200);
            assertThat(dashboard.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(dashboard.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(dashboard.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        }

        Reply api = get(NOTES, key);
        assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.header("Content-Security-Policy")).startsWith("default-src 'none'");
        Reply refused = get(NOTES, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void outOfRangeNumbersAre400() {
        for (String number : new String[] {"1e400", "-1e400", "NaN", "Infinity", "-Infinity", "1" + "0".repeat(400)}) {
            Reply reply = postJson(NOTES, key, "{\"n\":" + number + "}");
            assertBadInput(reply);
        }
    }

    @Test
    void aBatchWithOneBadDocumentStoresNone() {
        String batches = "/api/v1/collections/batches/documents";
        String good = "{\"_id\":\"b-1\",\"n\":1}";
        assertBadInput(postJson(batches, key, "[" + good + ",{\"_id\":\"b-2\",\"n\":1e400}]"));
        assertBadInput(postJson(batches, key, "[" + good + ",{\"_id\":\"b-2\",\"x\":{\"a\\u0000\":1}}]"));
        assertBadInput(postJson(batches, key, "[" + good + "," + good + "]"));
        assertThat(get(batches, key).json().get("count").asInt()).isZero();

        assertThat(postJson(batches, key, "{\"_id\":\"b-2\"}").status()).isEqualTo(201);
        Reply conflict = postJson(batches, key, "[" + good + ",{\"_id\":\"b-2\"}]");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(get(batches + "/b-1", key).status()).isEqualTo(404);
    }

    @Test
    void statusesSayWhetherTheMessageWasLogged() {
        assertThat(postJson("/api/v1/messages", key, "{\"message_id\":\"known-m\",\"conversation_id\":\"c\",\"content\":\"x\"}")
                .status()).isEqualTo(201);

        Reply known = postJson("/api/v1/messages/known-m/statuses", key, "{\"status\":\"delivered\"}");
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.json().get("message_known").asBoolean()).isTrue();
        Reply unknown = postJson("/api/v1/messages/never-logged/statuses", key, "{\"status\":\"delivered\"}");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("message_known").asBoolean()).isFalse();
        Reply batch = postJson("/api/v1/statuses", key, "[{\"message_id\":\"known-m\",\"status\":\"read\"},"
                + "{\"message_id\":\"never-logged-2\",\"status\":\"read\"}]");
        assertThat(batch.json().get("recorded_count").asInt()).isEqualTo(2);
        assertThat(batch.json().get("unknown_message_ids").toString()).isEqualTo("[\"never-logged-2\"]");
    }

    @Test
    void importsReportMalformedLinesWithoutJavaNamesAndKeepTheRest() throws InterruptedException {
        String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        Reply lines = send("POST", "/api/v1/imports?format=jsonl&conversation_id=imp-bad", key, "application/x-ndjson",
                "{\"message_id\":\"imp-ok\",\"content\":\"fine\"}\n" + deep + "\n{\"message_id\":\"imp-nul\",\"x\\u0000\":1}\n"
                        + "{\"message_id\":\"imp-long\",\"n\":NumberLong(\"x\")}\n");
        assertThat(lines.status()).as(lines.body()).isEqualTo(202);
        JsonNode upload = finished(lines.json().get("upload_id").asString());
        assertThat(upload.get("status").asString()).isEqualTo("partial");
        assertThat(upload.get("log_count").asInt()).isEqualTo(1);
        assertThat(upload.get("error_count").asInt()).isEqualTo(3);
        assertThat(upload.get("errors").toString()).contains("deeper than 64").doesNotContain("java.", "org.bson", "Exception");

        Reply array = send("POST", "/api/v1/imports?format=json&conversation_id=imp-bad", key, "application/json",
                "[{\"message_id\":\"imp-arr\",\"content\":\"fine\"},{\"n\":NumberLong(\"x\")}]");
        JsonNode stopped = finished(array.json().get("upload_id").asString());
        assertThat(stopped.get("errors").toString()).isNotEqualTo("[]").doesNotContain("java.", "org.bson", "Exception");
    }

    private JsonNode finished(String uploadId) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode upload = get("/api/v1/logs/metadata/" + uploadId + "/", key).json();
            String status = upload.get("status").asString();
            if (!status.equals("pending") && !status.equals("processing") || System.nanoTime() > deadline) {
                return upload;
            }
            Thread.sleep(50);
        }
    }

    private static void assertBadInput(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("field").asString()).isNotBlank();
        assertThat(reply.json().get("reason").asString()).isNotBlank();
    }

    private Reply raw(String method, String path, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            long start = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response, java.time.Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
