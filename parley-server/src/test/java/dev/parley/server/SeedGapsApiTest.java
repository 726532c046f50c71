package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, the differences from the seeds that docs/seed-mapping.md §5 listed, each closed and
 * proven through the REST API as a user meets it (gap numbers from §5).
 */
class SeedGapsApiTest extends ServerTestSupport {

    private static final String PASSWORD = "correct horse battery";
    /** Seed 002's own example document, as its tracker wrote it. */
    private static final String SEED_002_DOCUMENT = """
            {"messageId": "wamid.HBgMOTY2NTQwNDAxNDQ1", "conversation_id": "966540401445",
             "latestStatus": "read", "latestTimestamp": 1767106892, "latestTimestampFormatted": "2025-12-30 18:01",
             "statusHistory": [
               {"status": "sent", "timestamp": 1767106880, "timestampFormatted": "2025-12-30 18:01", "executionId": "25202", "conversation_id": "966540401445"},
               {"status": "delivered", "timestamp": 1767106885, "timestampFormatted": "2025-12-30 18:01", "executionId": "25203", "conversation_id": "966540401445"},
               {"status": "read", "timestamp": 1767106892, "timestampFormatted": "2025-12-30 18:01", "executionId": "25204"}],
             "workflowId": "tc3qpQJxlWVVTjeq", "statusCount": 3,
             "firstSeenAt": "2025-12-30T15:00:00+03:00", "lastUpdatedAt": "2025-12-30T18:01:32+03:00",
             "lastScannedAt": "2025-12-30T19:00:00+03:00"}""";

    private String acme;
    private String other;

    @BeforeAll
    void tenants() {
        acme = keyFor("gaps-acme");
        other = keyFor("gaps-other");
    }

    private JsonNode message(String id) {
        Reply reply = get("/api/v1/messages/" + id, acme);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).isNull() || item.path(field).isMissingNode() ? null : item.get(field).asString()));
        return values;
    }

    // ---- gap 6: seed 002 documents ----

    @Test
    void gap6Seed002DocumentsPostedToStatusesKeepTheirHistoryAndTheirOwnTimes() {
        Reply recorded = postJson("/api/v1/statuses", acme, "[" + SEED_002_DOCUMENT + "]");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        assertThat(recorded.json().get("recorded_count").asInt()).isEqualTo(3);
        // a status-only message, as it was in seed 002
        assertThat(recorded.json().get("unknown_message_ids").get(0).asString()).isEqualTo("wamid.HBgMOTY2NTQwNDAxNDQ1");

        JsonNode stored = message("wamid.HBgMOTY2NTQwNDAxNDQ1");
        assertThat(stored.get("status").asString()).isEqualTo("read");
        assertThat(stored.get("latest_timestamp").asString()).isEqualTo("2025-12-30T15:01:32Z");
        assertThat(stored.get("status_count").asInt()).isEqualTo(3);
        assertThat(stored.get("workflow_id").asString()).isEqualTo("tc3qpQJxlWVVTjeq");
        assertThat(stored.get("conversation_id").asString()).isEqualTo("966540401445");
        // nothing re-stamped with the time of the import
        assertThat(stored.get("first_seen_at").asString()).isEqualTo("2025-12-30T12:00:00Z");
        assertThat(stored.get("last_updated_at").asString()).isEqualTo("2025-12-30T15:01:32Z");
        assertThat(stored.get("last_scanned_at").asString()).isEqualTo("2025-12-30T16:00:00Z");
        JsonNode history = stored.get("status_history");
        assertThat(texts(history, "timestamp")).containsExactly("2025-12-30T15:01:20Z", "2025-12-30T15:01:25Z", "2025-12-30T15:01:32Z");
        assertThat(texts(history, "execution_id")).containsExactly("25202", "25203", "25204");
        assertThat(texts(history, "conversation_id")).containsOnly("966540401445");

        // the same document again changes nothing
        String updated = stored.get("updated_at").asString();
        assertThat(postJson("/api/v1/statuses", acme, "{\"statuses\":[" + SEED_002_DOCUMENT + "]}").status()).isEqualTo(200);
        assertThat(message("wamid.HBgMOTY2NTQwNDAxNDQ1").get("updated_at").asString()).isEqualTo(updated);
        assertThat(get("/api/v1/messages/wamid.HBgMOTY2NTQwNDAxNDQ1", other).status()).isEqualTo(404);
    }

    @Test
    void gap6ASeed002EntryWithoutItsTimeIsRefusedNamingIt() {
        String document = "{\"messageId\":\"wamid.NOTIME\",\"statusHistory\":[{\"status\":\"sent\",\"timestamp\":1767106880},"
                + "{\"status\":\"read\"}]}";
        assertProblemNames(postJson("/api/v1/statuses", acme, "[" + document + "]"), "statusHistory[1].timestamp");
        assertProblemNames(postJson("/api/v1/statuses", acme, "[{\"message_id\":\"m\",\"status\":\"sent\"}," + document + "]"),
                "statuses[1].statusHistory[1].timestamp");
        assertThat(get("/api/v1/messages/wamid.NOTIME", acme).status()).isEqualTo(404);
    }

    @Test
    void gap6AnImportOfSeed002DocumentsAsMongoexportWritesThem() throws Exception {
        String lines = """
                {"_id": {"$oid": "6772c6e4f1a2b3c4d5e6f701"}, "messageId": "wamid.IMPORT-1", "conversation_id": "966500000001", "latestStatus": "delivered", "statusHistory": [{"status": "sent", "timestamp": 1767106880, "executionId": "1"}, {"status": "delivered", "timestamp": 1767106885, "executionId": "2"}], "workflowId": "wf-import", "statusCount": 2, "firstSeenAt": {"$date": "2025-12-30T12:00:00Z"}, "lastUpdatedAt": {"$date": "2025-12-30T15:01:25Z"}, "lastScannedAt": {"$date": "2025-12-30T16:00:00Z"}}
                {"messageId": "wamid.IMPORT-2", "conversation_id": "966500000002", "statusHistory": [{"status": "failed", "timestamp": 1767106990}]}
                {"messageId": "wamid.IMPORT-3", "statusHistory": [{"status": "seen", "timestamp": 1767106990}]}
                {"message_id": "plain", "content": "not a seed 002 document"}
                """;
        Reply accepted = send("POST", "/api/v1/imports?format=seed002", acme, "application/x-ndjson", lines);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode upload = finished(accepted.json().get("upload_id").asString(), acme);
        assertThat(upload.get("status").asString()).isEqualTo("partial");
        assertThat(upload.get("format_type").asString()).isEqualTo("seed002");
        assertThat(upload.get("imported").get("messages").asInt()).isEqualTo(2);
        assertThat(upload.get("imported").get("statuses").asInt()).isEqualTo(3);
        assertThat(texts(upload.get("errors"), "reason")).hasSize(2);
        assertThat(upload.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(upload.get("errors").get(0).get("reason").asString()).contains("statusHistory[0].status");
        assertThat(upload.get("errors").get(1).get("reason").asString()).contains("not a seed 002 document");

        JsonNode one = message("wamid.IMPORT-1");
        assertThat(one.get("status").asString()).isEqualTo("delivered");
        assertThat(one.get("first_seen_at").asString()).isEqualTo("2025-12-30T12:00:00Z");
        assertThat(one.get("last_updated_at").asString()).isEqualTo("2025-12-30T15:01:25Z");
        assertThat(one.get("last_scanned_at").asString()).isEqualTo("2025-12-30T16:00:00Z");
        assertThat(one.get("workflow_id").asString()).isEqualTo("wf-import");
        assertThat(texts(one.get("status_history"), "source")).containsOnly("import");
        assertThat(texts(one.get("status_history"), "conversation_id")).containsOnly("966500000001");
        assertThat(message("wamid.IMPORT-2").get("status").asString()).isEqualTo("failed");
        assertThat(get("/api/v1/messages/wamid.IMPORT-1", other).status()).isEqualTo(404);
    }

    private JsonNode finished(String uploadId, String key) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode upload = get("/api/v1/logs/metadata/" + uploadId, key).json();
            String status = upload.get("status").asString();
            if (!status.equals("pending") && !status.equals("processing") || Instant.now().isAfter(deadline)) {
                return upload;
            }
            Thread.sleep(50);
        }
    }

    // ---- gaps 7 and 8: what a status event carries ----

    @Test
    void gaps7And8StatusEventsKeepWhatTheyCarryAndEveryEntryNamesItsConversation() {
        Reply first = postJson("/api/v1/messages/wamid.CARRY/statuses", acme, """
                {"status": "sent", "timestamp": 1767106880, "executionId": "e-1", "workflowId": "wf-9",
                 "campaign": "spring", "metadata": {"node": "Send WhatsApp"}}""");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode statusOnly = message("wamid.CARRY");
        assertThat(statusOnly.get("workflow_id").asString()).isEqualTo("wf-9");
        JsonNode kept = statusOnly.get("status_history").get(0).get("metadata");
        assertThat(kept.get("campaign").asString()).isEqualTo("spring");
        assertThat(kept.get("node").asString()).isEqualTo("Send WhatsApp");
        assertThat(statusOnly.get("status_history").get(0).has("conversation_id")).isFalse(); // not known yet

        // the message is logged with its conversation: the entries name it, as seed 002's do
        assertThat(postJson("/api/v1/messages", acme, "{\"message_id\":\"wamid.CARRY\",\"conversation_id\":\"conv-carry\","
                + "\"content\":\"hi\"}").status()).isEqualTo(201);
        postJson("/api/v1/messages/wamid.CARRY/statuses", acme, "{\"status\":\"delivered\",\"timestamp\":1767106885}");
        JsonNode logged = message("wamid.CARRY");
        assertThat(texts(logged.get("status_history"), "conversation_id")).containsExactly("conv-carry", "conv-carry");
        assertThat(logged.get("status_history").get(0).get("metadata").get("campaign").asString()).isEqualTo("spring");
    }

    // ---- gap 14: wa_id is the contact ----

    @Test
    void gap14WaIdInAStatusEventIsTheContactNotTheConversation() {
        assertThat(postJson("/api/v1/messages", acme, "{\"message_id\":\"wamid.WA\",\"conversation_id\":\"conv-wa\","
                + "\"content\":\"hi\",\"wa_id\":\"966511111111\"}").status()).isEqualTo(201);
        assertThat(message("wamid.WA").get("contact_wa_id").asString()).isEqualTo("966511111111");

        postJson("/api/v1/statuses", acme, "[{\"id\":\"wamid.WA\",\"status\":\"read\",\"timestamp\":1767106892,\"wa_id\":\"966522222222\"}]");
        JsonNode read = message("wamid.WA");
        assertThat(read.get("status").asString()).isEqualTo("read");
        assertThat(read.get("conversation_id").asString()).isEqualTo("conv-wa");
        assertThat(read.get("contact_wa_id").asString()).isEqualTo("966522222222");
        assertThat(texts(read.get("status_history"), "conversation_id")).containsOnly("conv-wa"); // from the message
        assertThat(get("/api/v1/conversations/966522222222", acme).status()).isEqualTo(404);

        // a status for a message nobody logged: wa_id names no conversation, conversation_id does
        postJson("/api/v1/statuses", acme, "[{\"id\":\"wamid.WA2\",\"status\":\"sent\",\"timestamp\":1767106892,\"wa_id\":\"966533333333\"}]");
        assertThat(message("wamid.WA2").has("conversation_id")).isFalse();
        assertThat(get("/api/v1/conversations/966533333333", acme).status()).isEqualTo(404);
        postJson("/api/v1/statuses", acme, "[{\"id\":\"wamid.WA2\",\"status\":\"delivered\",\"timestamp\":1767106899,"
                + "\"conversation_id\":\"966533333333\"}]");
        assertThat(message("wamid.WA2").get("conversation_id").asString()).isEqualTo("966533333333");
        assertThat(get("/api/v1/conversations/966533333333", acme).status()).isEqualTo(200);
    }

    // ---- gap 10: seed 004's order ----

    @Test
    void gap10HistoryInCreatedAtOrderWithCursors() {
        // logged out of time order, as a back-dated import does
        int[] minutes = {30, 10, 50, 20, 40};
        for (int minute : minutes) {
            assertThat(postJson("/api/v1/messages", acme, "{\"message_id\":\"ord-" + minute + "\",\"conversation_id\":\"conv-order\","
                    + "\"content\":\"x\",\"created_at\":\"2026-01-27T10:" + minute + ":00Z\"}").status()).isEqualTo(201);
        }
        List<String> ascending = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/conversations/conv-order/messages?order_by=created_at&order=asc&limit=2"
                    + (cursor == null ? "" : "&after=" + cursor), acme).json();
            ascending.addAll(texts(page.get("messages"), "message_id"));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        } while (cursor != null);
        assertThat(ascending).containsExactly("ord-10", "ord-20", "ord-30", "ord-40", "ord-50");

        JsonNode newest = get("/api/v1/conversations/conv-order/messages?order_by=created_at&limit=3", acme).json();
        assertThat(texts(newest.get("messages"), "message_id")).containsExactly("ord-50", "ord-40", "ord-30");
        JsonNode older = get("/api/v1/conversations/conv-order/messages?order_by=created_at&limit=3&before="
                + newest.get("next_cursor").asString(), acme).json();
        assertThat(texts(older.get("messages"), "message_id")).containsExactly("ord-20", "ord-10");
        assertThat(older.get("has_more").asBoolean()).isFalse();
        // the default stays the logged order
        assertThat(texts(get("/api/v1/conversations/conv-order/messages?order=asc", acme).json().get("messages"), "message_id"))
                .containsExactly("ord-30", "ord-10", "ord-50", "ord-20", "ord-40");

        assertProblemNames(get("/api/v1/conversations/conv-order/messages?order_by=sent_at", acme), "order_by");
        assertProblemNames(get("/api/v1/conversations/conv-order/messages?order_by=created_at&before=zz", acme), "before");
        assertThat(get("/api/v1/conversations/conv-order/messages?order_by=created_at", other).status()).isEqualTo(404);
    }

    // ---- gap 11: conversations created on the fly ----

    @Test
    void gap11ConversationsCreatedOnTheFlyAreUnassignedAndListedAsSuch() {
        postJson("/api/v1/messages", acme, "{\"message_id\":\"fly-1\",\"conversation_id\":\"conv-fly\",\"content\":\"hi\"}");
        postJson("/api/v1/statuses", acme, "[{\"message_id\":\"fly-2\",\"status\":\"sent\",\"conversation_id\":\"conv-fly-status\"}]");
        postJson("/api/v1/conversations", acme, "{\"conversation_id\":\"conv-assigned\",\"agent_id\":\"agent-1\",\"channel\":\"chat\"}");

        assertThat(get("/api/v1/conversations/conv-fly", acme).json().get("agent_id").asString()).isEqualTo("unassigned");
        assertThat(get("/api/v1/conversations/conv-fly-status", acme).json().get("agent_id").asString()).isEqualTo("unassigned");
        JsonNode unassigned = get("/api/v1/conversations?agent_id=unassigned&limit=1000", acme).json().get("conversations");
        assertThat(texts(unassigned, "conversation_id")).contains("conv-fly", "conv-fly-status").doesNotContain("conv-assigned");
        assertThat(texts(unassigned, "agent_id")).containsOnly("unassigned");
        assertThat(get("/api/v1/conversations?agent_id=unassigned", other).json().get("conversations").size()).isZero();

        Reply assigned = send("PATCH", "/api/v1/conversations/conv-fly", acme, "application/json", "{\"agent_id\":\"agent-2\"}");
        assertThat(assigned.json().get("agent_id").asString()).isEqualTo("agent-2");
    }

    // ---- gap 15: metadata merges on PATCH, PUT replaces ----

    @Test
    void gap15PatchMergesMetadataAndPutReplacesTheConversation() {
        Reply started = postJson("/api/v1/conversations", acme, """
                {"conversation_id": "conv-merge", "agent_id": "agent-1", "channel": "chat", "contact_id": "contact-1",
                 "tags": ["vip"], "metadata": {"source": "web", "user_agent": "Firefox",
                 "custom_fields": {"plan": "gold", "region": "north", "nested": {"a": 1, "b": 2}}}}""");
        assertThat(started.status()).as(started.body()).isEqualTo(201);

        Reply merged = send("PATCH", "/api/v1/conversations/conv-merge", acme, "application/json", """
                {"metadata": {"user_agent": null, "custom_fields": {"region": null, "score": 7, "nested": {"b": null, "c": 3}}}}""");
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode metadata = merged.json().get("metadata");
        assertThat(metadata.get("source").asString()).isEqualTo("web");
        assertThat(metadata.has("user_agent")).isFalse();
        JsonNode custom = metadata.get("custom_fields");
        assertThat(custom.propertyNames()).containsExactlyInAnyOrder("plan", "score", "nested");
        assertThat(custom.get("plan").asString()).isEqualTo("gold");
        assertThat(custom.get("nested").propertyNames()).containsExactlyInAnyOrder("a", "c");
        assertThat(merged.json().get("tags").get(0).asString()).isEqualTo("vip");
        // unknown top-level names still join custom_fields, merged too
        JsonNode extra = send("PATCH", "/api/v1/conversations/conv-merge", acme, "application/json", "{\"priority\":\"high\"}")
                .json().get("metadata").get("custom_fields");
        assertThat(extra.propertyNames()).containsExactlyInAnyOrder("plan", "score", "nested", "priority");

        Reply replaced = send("PUT", "/api/v1/conversations/conv-merge", acme, "application/json", """
                {"agent_id": "agent-2", "channel": "sms", "metadata": {"custom_fields": {"plan": "silver"}}}""");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        JsonNode whole = get("/api/v1/conversations/conv-merge", acme).json();
        assertThat(whole.get("agent_id").asString()).isEqualTo("agent-2");
        assertThat(whole.get("channel").asString()).isEqualTo("sms");
        assertThat(whole.get("status").asString()).isEqualTo("active");
        assertThat(whole.get("metadata").propertyNames()).containsExactly("custom_fields");
        assertThat(whole.get("metadata").get("custom_fields").propertyNames()).containsExactly("plan");
        assertThat(whole.has("tags")).isFalse();
        assertThat(whole.has("contact_id")).isFalse();
        assertThat(whole.get("started_at").asString()).isEqualTo(started.json().get("started_at").asString());
        assertThat(whole.get("conversation_id").asString()).isEqualTo("conv-merge");

        assertProblemNames(send("PUT", "/api/v1/conversations/conv-merge", acme, "application/json", "{\"channel\":\"sms\"}"), "agent_id");
        assertProblemNames(send("PUT", "/api/v1/conversations/conv-merge", acme, "application/json",
                "{\"conversation_id\":\"other\",\"agent_id\":\"a\",\"channel\":\"sms\"}"), "conversation_id");
        assertThat(send("PUT", "/api/v1/conversations/nobody", acme, "application/json", "{\"agent_id\":\"a\",\"channel\":\"sms\"}")
                .status()).isEqualTo(404);
        // another tenant can neither replace nor patch it
        assertThat(send("PUT", "/api/v1/conversations/conv-merge", other, "application/json", "{\"agent_id\":\"x\",\"channel\":\"chat\"}")
                .status()).isEqualTo(404);
        assertThat(send("PATCH", "/api/v1/conversations/conv-merge", other, "application/json", "{\"metadata\":{\"source\":\"x\"}}")
                .status()).isEqualTo(404);
        assertThat(get("/api/v1/conversations/conv-merge", acme).json().get("agent_id").asString()).isEqualTo("agent-2");
    }

    // ---- gap 16: a tenant's time zone changes; rollups stay right ----

    @Test
    void gap16ATenantsTimeZoneChangesAuditedAndReportsFollowIt() {
        String key = keyFor("gaps-zone");
        // 01:00 in Riyadh yesterday is 22:00 UTC the day before: one day in UTC, the next in Riyadh
        ZoneId riyadh = ZoneId.of("Asia/Riyadh");
        LocalDate yesterday = LocalDate.now(riyadh).minusDays(1);
        Instant at = yesterday.atTime(1, 0).atZone(riyadh).toInstant();
        Reply logged = postJson("/api/v1/metrics", key, "{\"metric_type\":\"zone_check\",\"value\":42,\"timestamp\":\""
                + at + "\"}");
        assertThat(logged.status()).as(logged.body()).isEqualTo(201);
        assertThat(dayOf(get("/api/v1/metrics/zone_check/daily?days=5", key).json(), 42)).isEqualTo(yesterday.minusDays(1).toString());

        Reply changed = send("PATCH", "/api/v1/admin/tenants/gaps-zone", ADMIN_KEY, "application/json", "{\"timezone\":\"Asia/Riyadh\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("timezone").asString()).isEqualTo("Asia/Riyadh");
        assertThat(get("/api/v1/admin/tenants/gaps-zone", ADMIN_KEY).json().get("timezone").asString()).isEqualTo("Asia/Riyadh");
        // the same rollups, read in the new zone: the point is on its Riyadh day, with nothing rewritten
        assertThat(dayOf(get("/api/v1/metrics/zone_check/daily?days=5", key).json(), 42)).isEqualTo(yesterday.toString());
        JsonNode hourly = get("/api/v1/metrics/zone_check/hourly?hours=72", key).json();
        List<String> hours = new ArrayList<>();
        hourly.forEach(hour -> {
            if (hour.get("total").asLong() == 42) {
                hours.add(hour.get("_id").asString());
            }
        });
        assertThat(hours).containsExactly(yesterday + "T01:00+03:00");
        // formatted times follow the zone too
        postJson("/api/v1/messages", key, "{\"message_id\":\"zoned\",\"conversation_id\":\"c\",\"content\":\"x\","
                + "\"created_at\":\"2026-01-27T21:30:00Z\"}");
        assertThat(get("/api/v1/messages/zoned", key).json().get("created_at_formatted").asString()).isEqualTo("2026-01-28 00:30");

        // audited in the tenant's chain, naming the operator
        JsonNode entries = get("/api/v1/audit-logs?resource_type=tenant&action=update", key).json().get("audit_logs");
        assertThat(entries.size()).isEqualTo(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("changes").get("before").get("timezone").asString()).isEqualTo("UTC");
        assertThat(entry.get("changes").get("after").get("timezone").asString()).isEqualTo("Asia/Riyadh");
        assertThat(entry.get("actor").get("type").asString()).isEqualTo("operator");

        assertProblemNames(send("PATCH", "/api/v1/admin/tenants/gaps-zone", ADMIN_KEY, "application/json",
                "{\"timezone\":\"Mars/Olympus\"}"), "timezone");
        assertThat(send("PATCH", "/api/v1/admin/tenants/nobody-here", ADMIN_KEY, "application/json", "{\"timezone\":\"UTC\"}")
                .status()).isEqualTo(404);
        assertThat(send("PATCH", "/api/v1/admin/tenants/gaps-zone", key, "application/json", "{\"timezone\":\"UTC\"}").status())
                .isEqualTo(403);
        assertThat(get("/api/v1/admin/tenants/gaps-zone", ADMIN_KEY).json().get("timezone").asString()).isEqualTo("Asia/Riyadh");
    }

    /** The {@code _id} (day) of the daily row whose total is {@code total}. */
    private static String dayOf(JsonNode daily, long total) {
        List<String> days = new ArrayList<>();
        daily.forEach(day -> {
            if (day.get("total").asLong() == total) {
                days.add(day.get("_id").asString());
            }
        });
        assertThat(days).as(daily.toString()).hasSize(1);
        return days.get(0);
    }

    // ---- gap 5: imports charge logs_per_day per line ----

    @Test
    void gap5ImportsChargeLogsPerDayPerImportedLine() throws Exception {
        parley.users().create("gaps-acme", new Document("user_id", "importer").append("role", "admin")
                .append("api_quota", new Document("logs_per_day", 3)).append("password", PASSWORD), "UTC");
        Reply login = postJson("/api/v1/auth/login", null,
                "{\"tenant_id\":\"gaps-acme\",\"user_id\":\"importer\",\"password\":\"" + PASSWORD + "\"}");
        String token = login.json().get("access_token").asString();
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            lines.append("{\"message_id\":\"quota-").append(i).append("\",\"conversation_id\":\"c-quota\",\"content\":\"x\"}\n");
        }
        Reply accepted = send("POST", "/api/v1/imports?format=jsonl", token, "application/x-ndjson", lines.toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode upload = finished(accepted.json().get("upload_id").asString(), token);
        assertThat(upload.get("status").asString()).isEqualTo("partial");
        assertThat(upload.get("imported").get("messages").asInt()).isEqualTo(3);
        assertThat(upload.get("error_count").asInt()).isEqualTo(2);
        assertThat(texts(upload.get("errors"), "reason")).containsOnly("not imported: the logs_per_day quota is spent for today");
        assertThat(get("/api/v1/messages/quota-3", acme).status()).isEqualTo(200);
        assertThat(get("/api/v1/messages/quota-4", acme).status()).isEqualTo(404);
        // the day's budget is spent: the next upload is refused at once, and so is ingest
        assertThat(send("POST", "/api/v1/imports?format=jsonl", token, "application/x-ndjson", "{\"message_id\":\"q\","
                + "\"conversation_id\":\"c\",\"content\":\"x\"}\n").status()).isEqualTo(429);
        assertThat(postJson("/api/v1/messages", token, "{\"conversation_id\":\"c\",\"content\":\"x\"}").status()).isEqualTo(429);
        // an API key is not charged
        Reply keyed = send("POST", "/api/v1/imports?format=jsonl", acme, "application/x-ndjson", lines.toString().replace("quota-", "keyed-"));
        assertThat(finished(keyed.json().get("upload_id").asString(), acme).get("imported").get("messages").asInt()).isEqualTo(5);
    }
}
