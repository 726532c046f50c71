package dev.parley.imports;

import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Import jobs of every other format, re-imports, cascade deletes and seed 003's metadata queries. */
class ImportsTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static Imports.Accepted run(String tenant, ImportFormat format, String body, String map, boolean force) {
        return parley.get().tenant(tenant).imports().run(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                new ImportRequest(format, "file." + format.wire(), "crm", "production", "billing", "u1", null, null, null,
                        ImportRequest.columns(map), force), p -> { });
    }

    private static Document message(String tenant, String id) {
        return parley.get().tenant(tenant).messages().get(id);
    }

    @Test
    void jsonLinesTakesSeedShapesAndWebhookPayloadsAndReportsBadLines() {
        Imports.Accepted done = run("im-jsonl", ImportFormat.JSONL, """
                {"message_id":"m1","conversation_id":"c1","message_content":"seed 000 shape","status":"sent","created_at":"2026-01-05T10:00:00Z"}
                {"messageId":"m2","conversation_id":"c1","content":"seed 004 shape","sender_type":"user"}
                not json at all
                {"conversation_id":"c1"}
                {"object":"whatsapp_business_account","entry":[{"id":"w","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001","phone_number_id":"pn-import"},"statuses":[{"id":"m1","status":"delivered","timestamp":"1767607260","recipient_id":"966500000001"}]}}]}]}
                """, null, false);

        Document upload = done.upload();
        assertThat(upload.getString("status")).isEqualTo("partial");
        assertThat(upload.getList("errors", Document.class)).extracting(e -> e.get("line", Number.class).intValue()).containsExactly(3, 4);
        assertThat(upload.getList("errors", Document.class).get(1).getString("reason")).contains("content");
        assertThat(upload.get("imported", Document.class).get("statuses", Number.class).intValue()).isEqualTo(1);
        assertThat(message("im-jsonl", "m1").getString("status")).isEqualTo("delivered"); // the payload's status rules applied
        assertThat(message("im-jsonl", "m2").getString("content")).isEqualTo("seed 004 shape");
        assertThat(message("im-jsonl", "m1").get("metadata", Document.class).getString("upload_id")).isEqualTo(upload.getString("upload_id"));
        assertThat(upload.getString("upload_id")).matches("upload_\\d{8}_\\d{6}_[0-9a-f]{4}");
        assertThat(upload.getString("tenant_id")).isEqualTo("im-jsonl");
    }

    @Test
    void jsonArrayAndCsvWithAColumnMap() {
        Document json = run("im-json", ImportFormat.JSON, """
                [{"message_id":"j1","conversation_id":"c","content":"one"},
                 {"message_id":"j2","conversation_id":"c","content":"two"}, 7]""", null, false).upload();
        assertThat(json.get("log_count", Number.class).longValue()).isEqualTo(2);
        assertThat(json.getList("errors", Document.class)).extracting(e -> e.getString("reason")).containsExactly("element 3 is not an object");

        Document csv = run("im-csv", ImportFormat.CSV, """
                id,chat,text,time,direction
                k1,c9,"Hello, with a comma",2026-02-01T08:00:00Z,inbound
                k2,c9,"Line one
                line two",2026-02-01T08:01:00Z,outbound
                k3,c9,,2026-02-01T08:02:00Z,inbound
                """, "message_id=id,conversation_id=chat,content=text,created_at=time", false).upload();
        assertThat(csv.getString("status")).isEqualTo("partial");
        assertThat(message("im-csv", "k1").getString("content")).isEqualTo("Hello, with a comma");
        assertThat(message("im-csv", "k2").getString("content")).isEqualTo("Line one\nline two");
        assertThat(message("im-csv", "k2").getString("direction")).isEqualTo("outbound");
        assertThat(message("im-csv", "k1").getDate("created_at").toInstant()).isEqualTo(Instant.parse("2026-02-01T08:00:00Z"));
        assertThat(csv.getList("errors", Document.class)).extracting(e -> e.get("line", Number.class).intValue()).containsExactly(5);
        Document unmapped = run("im-csv", ImportFormat.CSV, "a,b\n1,2\n", "content=missing", true).upload();
        assertThat(unmapped.getString("status")).isEqualTo("failed");
        assertThat(unmapped.getList("errors", Document.class).get(0).getString("reason")).contains("names column missing");
        assertThatThrownBy(() -> ImportRequest.columns("content")).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("map");
    }

    @Test
    void logFilesAreCountedNotImported() {
        Document log = run("im-log", ImportFormat.LOG, """
                2026-03-01T10:00:00Z INFO service started
                2026-03-01T10:00:05Z WARN disk at 85%
                {"@timestamp":"2026-03-01T10:01:00Z","level":"error","message":"timeout"}

                2026-03-01T09:59:59Z ERROR late line, earliest time
                """, null, false).upload();

        assertThat(log.getString("status")).isEqualTo("success");
        assertThat(log.get("log_count", Number.class).longValue()).isEqualTo(4);
        Document details = log.get("imported", Document.class);
        assertThat(details.get("levels", Document.class)).isEqualTo(new Document("INFO", 1L).append("WARN", 1L).append("ERROR", 2L));
        assertThat(details.getString("first_time")).isEqualTo("2026-03-01T09:59:59Z");
        assertThat(details.getString("last_time")).isEqualTo("2026-03-01T10:01:00Z");
    }

    @Test
    void theSameFileTwiceReturnsTheEarlierUploadAndForceNeverDuplicates() {
        String body = """
                {"conversation_id":"c1","content":"no id given"}
                {"message_id":"r2","conversation_id":"c1","content":"with an id"}
                """;
        Imports.Accepted first = run("im-again", ImportFormat.JSONL, body, null, false);
        Imports.Accepted second = run("im-again", ImportFormat.JSONL, body, null, false);
        assertThat(second.duplicate()).isTrue();
        assertThat(second.upload().getString("upload_id")).isEqualTo(first.upload().getString("upload_id"));

        Imports.Accepted forced = run("im-again", ImportFormat.JSONL, body, null, true);
        assertThat(forced.duplicate()).isFalse();
        assertThat(forced.upload().getString("upload_id")).isNotEqualTo(first.upload().getString("upload_id"));
        assertThat(parley.store().scoped("im-again", "messages").count(new Document())).isEqualTo(2);
    }

    @Test
    void cascadeDeleteRemovesWhatTheUploadImportedOnly() {
        run("im-cascade", ImportFormat.JSONL, "{\"message_id\":\"keep\",\"conversation_id\":\"c\",\"content\":\"older\"}\n", null, false);
        Document upload = run("im-cascade", ImportFormat.JSONL, """
                {"message_id":"gone1","conversation_id":"c","content":"imported refund note"}
                {"message_id":"gone2","conversation_id":"c","content":"imported too"}
                """, null, false).upload();
        Imports imports = parley.get().tenant("im-cascade").imports();

        assertThat(imports.delete(upload.getString("upload_id"), true)).isEqualTo(2);

        assertThatThrownBy(() -> message("im-cascade", "gone1")).isInstanceOf(NotFoundException.class);
        assertThat(message("im-cascade", "keep").getString("content")).isEqualTo("older");
        assertThat(parley.get().tenant("im-cascade").messages().search("refund", null, 10, null).messages()).isEmpty();
        assertThatThrownBy(() -> imports.metadata().get(upload.getString("upload_id"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void seed003MetadataQueriesStayInTheirTenant() {
        Document a = run("im-meta-a", ImportFormat.LOG, "INFO one\nERROR two\n", null, false).upload();
        run("im-meta-a", ImportFormat.JSONL, "{\"conversation_id\":\"c\"}\n", null, false); // fails: no content
        run("im-meta-b", ImportFormat.LOG, "INFO other tenant\n", null, false);
        UploadMetadata metadata = parley.get().tenant("im-meta-a").imports().metadata();

        assertThat(metadata.list(Map.of("status", "success"), 1, 20)).extracting(d -> d.getString("upload_id"))
                .containsExactly(a.getString("upload_id"));
        assertThat(metadata.list(Map.of(), 1, 20)).hasSize(2).allMatch(d -> d.getString("tenant_id").equals("im-meta-a"));
        assertThat(metadata.byTask(a.getString("task_id")).getString("upload_id")).isEqualTo(a.getString("upload_id"));
        Document stats = metadata.stats(30, Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(stats.get("total_uploads", Number.class).intValue()).isEqualTo(2);
        assertThat(stats.get("by_status", Document.class).keySet()).containsExactlyInAnyOrder("success", "failed");
        assertThat(stats.get("by_status", Document.class).get("success", Document.class).get("total_logs", Number.class).intValue()).isEqualTo(2);
        assertThat(metadata.recent(1)).hasSize(1);
        assertThatThrownBy(() -> parley.get().tenant("im-meta-b").imports().metadata().get(a.getString("upload_id")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> parley.get().tenant("im-meta-b").imports().metadata().byTask(a.getString("task_id")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> metadata.list(Map.of("status", "done"), 1, 20)).isInstanceOf(InvalidInputException.class);
        assertThat(List.of(a.getString("format_type"), a.getString("source"), a.getString("environment"), a.getString("service_name")))
                .containsExactly("log", "crm", "production", "billing");
    }
}
