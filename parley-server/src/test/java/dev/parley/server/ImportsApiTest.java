package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/imports} and seed 003's {@code /api/v1/logs/metadata/…} routes, per tenant. */
class ImportsApiTest extends ServerTestSupport {

    private String acme;
    private String other;

    @BeforeAll
    void tenants() {
        acme = keyFor("imports-acme");
        other = keyFor("imports-other");
    }

    /** Waits for the background job to finish; returns its metadata. */
    private JsonNode finished(String uploadId, String key) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode upload = get("/api/v1/logs/metadata/" + uploadId + "/", key).json();
            String status = upload.get("status").asString();
            if (!status.equals("pending") && !status.equals("processing") || Instant.now().isAfter(deadline)) {
                return upload;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aRawBodyIsImportedInTheBackgroundAndTrackedBySeed003Routes() throws Exception {
        Reply accepted = send("POST", "/api/v1/imports?format=jsonl&source=crm&environment=production&service_name=chat"
                + "&conversation_id=imp-c1", acme, "application/x-ndjson", """
                {"message_id":"imp-1","content":"first imported"}
                {"message_id":"imp-2","content":"second imported"}
                """);
        assertThat(accepted.status()).isEqualTo(202);
        String uploadId = accepted.json().get("upload_id").asString();
        String taskId = accepted.json().get("task_id").asString();
        assertThat(uploadId).matches("upload_\\d{8}_\\d{6}_[0-9a-f]{4}");

        JsonNode upload = finished(uploadId, acme);
        assertThat(upload.get("status").asString()).isEqualTo("success");
        assertThat(upload.get("log_count").asInt()).isEqualTo(2);
        assertThat(upload.get("progress").asInt()).isEqualTo(100);
        assertThat(upload.get("format_type").asString()).isEqualTo("jsonl");
        assertThat(get("/api/v1/messages/imp-2", acme).json().get("conversation_id").asString()).isEqualTo("imp-c1");

        JsonNode list = get("/api/v1/logs/metadata/?source=crm&page=1&page_size=10", acme).json();
        assertThat(list.get("page").asInt()).isEqualTo(1);
        assertThat(list.get("count").asInt()).isEqualTo(1);
        assertThat(list.get("metadata").get(0).get("upload_id").asString()).isEqualTo(uploadId);
        assertThat(get("/api/v1/logs/metadata", acme).status()).isEqualTo(200);
        assertThat(get("/api/v1/logs/metadata/task/" + taskId + "/", acme).json().get("upload_id").asString()).isEqualTo(uploadId);
        JsonNode stats = get("/api/v1/logs/metadata/stats/?days=30", acme).json();
        assertThat(stats.get("period_days").asInt()).isEqualTo(30);
        assertThat(stats.get("by_status").get("success").get("total_logs").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(get("/api/v1/logs/metadata/recent/?limit=5", acme).json().get("metadata").size()).isGreaterThanOrEqualTo(1);

        Reply again = send("POST", "/api/v1/imports?format=jsonl&conversation_id=imp-c1", acme, "application/x-ndjson", """
                {"message_id":"imp-1","content":"first imported"}
                {"message_id":"imp-2","content":"second imported"}
                """);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("upload_id").asString()).isEqualTo(uploadId);
    }

    /**
     * Issue 23: {@code curl --data-binary @chat.txt} sends application/x-www-form-urlencoded; the
     * body is the file, imported byte for byte ('&' and '=' included), settings from the query.
     */
    @Test
    void curlsDefaultFormContentTypeIsImportedAsTheRawFile() throws Exception {
        String chat = """
                [03/02/2024, 09:15:07] Sam: order #10452 & the refund=50 SAR, right?
                [03/02/2024, 09:16:12] Lina: Yes: refund=50 & delivery tomorrow
                """;
        Reply accepted = send("POST", "/api/v1/imports?format=whatsapp-export&conversation_id=curl-c1&me=Lina", acme,
                "application/x-www-form-urlencoded", chat);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode upload = finished(accepted.json().get("upload_id").asString(), acme);
        assertThat(upload.get("status").asString()).isEqualTo("success");
        assertThat(upload.get("log_count").asInt()).isEqualTo(2);
        assertThat(upload.get("file_size").asLong()).isEqualTo(chat.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        JsonNode history = get("/api/v1/conversations/curl-c1/messages?order=asc", acme).json().get("messages");
        assertThat(history.get(0).get("content").asString()).isEqualTo("order #10452 & the refund=50 SAR, right?");
        assertThat(history.get(1).get("direction").asString()).isEqualTo("outbound");
    }

    @Test
    void anOldChatExportIsKeptAWindowFromTheImportAndItsResultSaysSo() throws Exception {
        Instant before = Instant.now();
        Reply accepted = send("POST", "/api/v1/imports?format=whatsapp-export&conversation_id=imp-2018&me=Shop", acme,
                "text/plain", "14/03/2018, 09:15 - Rana: Is it shipped?\n14/03/2018, 09:20 - Shop: Yes\n");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

        JsonNode retention = finished(accepted.json().get("upload_id").asString(), acme).get("retention");
        assertThat(retention.get("days").asInt()).isEqualTo(90);
        assertThat(retention.get("counted_from").asString()).isEqualTo("stored_at");
        assertThat(Instant.parse(retention.get("expires_at").asString())).isAfter(before.plus(Duration.ofDays(89)));
        assertThat(retention.get("dated_before_window").asInt()).isEqualTo(2);
        assertThat(retention.get("warning").asString()).contains("dated before the tenant's 90-day retention window");
        assertThat(get("/api/v1/conversations/imp-2018/messages", acme).json().get("messages").size()).isEqualTo(2);
    }

    @Test
    void aMultipartChatExportAndACascadeDelete() throws Exception {
        String boundary = "----parley-test";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"WhatsApp Chat.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "02/03/2026, 10:00 - Rana: السلام عليكم\n02/03/2026, 10:01 - Shop: وعليكم السلام\n\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nwhatsapp-export\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"conversation_id\"\r\n\r\nimp-chat\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"me\"\r\n\r\nShop\r\n"
                + "--" + boundary + "--\r\n";
        Reply accepted = send("POST", "/api/v1/imports", acme, "multipart/form-data; boundary=" + boundary, body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("file_name").asString()).isEqualTo("WhatsApp Chat.txt");
        String uploadId = accepted.json().get("upload_id").asString();
        assertThat(finished(uploadId, acme).get("log_count").asInt()).isEqualTo(2);
        JsonNode history = get("/api/v1/conversations/imp-chat/messages?order=asc", acme).json();
        assertThat(history.get("messages").get(1).get("direction").asString()).isEqualTo("outbound");
        assertThat(history.get("messages").get(0).get("content").asString()).isEqualTo("السلام عليكم");

        assertThat(send("DELETE", "/api/v1/logs/metadata/" + uploadId + "/?cascade=true", other, null, null).status()).isEqualTo(404);
        Reply deleted = send("DELETE", "/api/v1/logs/metadata/" + uploadId + "/?cascade=true", acme, null, null);
        assertThat(deleted.json().get("messages_deleted").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/logs/metadata/" + uploadId, acme).status()).isEqualTo(404);
        assertThat(get("/api/v1/conversations/imp-chat/messages", acme).json().get("messages").size()).isZero();
    }

    @Test
    void anotherTenantSeesNoneOfItAndBadRequestsAre400() throws Exception {
        Reply accepted = send("POST", "/api/v1/imports?format=log", acme, "text/plain", "INFO a\nERROR b\n");
        String uploadId = accepted.json().get("upload_id").asString();
        String taskId = accepted.json().get("task_id").asString();
        finished(uploadId, acme);

        assertThat(get("/api/v1/logs/metadata/" + uploadId + "/", other).status()).isEqualTo(404);
        assertThat(get("/api/v1/logs/metadata/task/" + taskId + "/", other).status()).isEqualTo(404);
        assertThat(get("/api/v1/logs/metadata/", other).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/logs/metadata/stats/", other).json().get("total_uploads").asInt()).isZero();
        assertThat(get("/api/v1/logs/metadata/recent/", other).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/logs/metadata/recent/", acme).json().get("count").asInt()).isPositive();

        assertProblemNames(send("POST", "/api/v1/imports?format=xml", acme, "text/plain", "x"), "format");
        assertProblemNames(send("POST", "/api/v1/imports?format=jsonl", acme, "text/plain", ""), "file");
        assertProblemNames(send("POST", "/api/v1/imports?format=csv&map=content", acme, "text/plain", "a\n1\n"), "map");
        assertProblemNames(get("/api/v1/logs/metadata/?status=done", acme), "status");
        assertProblemNames(get("/api/v1/logs/metadata/?page_size=1000", acme), "page_size");
        assertThat(send("POST", "/api/v1/imports?format=log", null, "text/plain", "INFO x\n").status()).isEqualTo(401);
        Reply indexes = send("POST", "/api/v1/logs/admin/initialize-metadata-indexes/", acme, null, null);
        assertThat(indexes.status()).isEqualTo(200);
        assertThat(indexes.body()).contains("organization_id_upload_id_unique");
    }
}
