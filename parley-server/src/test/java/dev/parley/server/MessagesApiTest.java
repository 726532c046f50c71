package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesApiTest extends ServerTestSupport {

    private String riyadh;
    private String other;

    @BeforeAll
    void tenants() {
        riyadh = parley.tenants().create("riyadh-co", null, "Asia/Riyadh").apiKey();
        other = keyFor("other-co");
    }

    @Test
    void logsAMessageAndShowsItWithItsStatusTimelineInTheTenantsZone() {
        Reply logged = postJson("/api/v1/messages", riyadh, """
                {"messageId":"wamid.HBgMOTY2NTQwNDAxNDQ1","conversation_id":"966540401445","sender_id":"agent-1",
                 "message_content":"Hello","status":"sent","created_at":1767106880}""");
        assertThat(logged.status()).isEqualTo(201);
        assertThat(logged.json().get("message_id").asString()).isEqualTo("wamid.HBgMOTY2NTQwNDAxNDQ1");

        Reply delivered = postJson("/api/v1/messages/wamid.HBgMOTY2NTQwNDAxNDQ1/statuses", riyadh,
                "{\"status\":\"delivered\",\"timestamp\":1767106885,\"executionId\":\"25203\"}");
        assertThat(delivered.status()).isEqualTo(200);
        Reply batch = postJson("/api/v1/statuses", riyadh, """
                {"statuses":[{"message_id":"wamid.HBgMOTY2NTQwNDAxNDQ1","status":"read","timestamp":1767106892,"execution_id":"25204"},
                             {"message_id":"wamid.HBgMOTY2NTQwNDAxNDQ1","status":"read","timestamp":1767106892,"execution_id":"25204"},
                             {"message_id":"wamid.HBgMOTY2NTQwNDAxNDQ1","status":"delivered","timestamp":1767106885,"execution_id":"25203"}]}""");
        assertThat(batch.json().get("recorded_count").asInt()).isEqualTo(3);

        JsonNode message = get("/api/v1/messages/wamid.HBgMOTY2NTQwNDAxNDQ1", riyadh).json();
        assertThat(message.get("status").asString()).isEqualTo("read");
        assertThat(message.get("status_count").asInt()).isEqualTo(3);
        assertThat(message.get("latest_timestamp").asString()).isEqualTo("2025-12-30T15:01:32Z");
        assertThat(message.get("latest_timestamp_formatted").asString()).isEqualTo("2025-12-30 18:01");
        assertThat(message.get("status_history").get(2).get("timestamp_formatted").asString()).isEqualTo("2025-12-30 18:01");
        assertThat(message.get("status_history").get(1).get("execution_id").asString()).isEqualTo("25203");
        assertThat(message.get("first_seen_at_formatted").isString()).isTrue();
        assertThat(message.has("rev")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"direction,sideways", "sender_type,robot", "role,narrator", "message_type,hologram", "status,seen", "channel,fax"})
    void eachEnumViolationIs400NamingTheField(String field, String value) {
        Reply reply = postJson("/api/v1/messages", riyadh,
                "{\"conversation_id\":\"c\",\"content\":\"x\",\"" + field + "\":\"" + value + "\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("field").asString()).isEqualTo(field);
    }

    @Test
    void missingFieldsAndBadStatusesAre400NamingTheField() {
        assertThat(postJson("/api/v1/messages", riyadh, "{\"content\":\"x\"}").json().get("field").asString())
                .isEqualTo("conversation_id");
        assertThat(postJson("/api/v1/messages", riyadh, "[{\"conversation_id\":\"c\",\"content\":\"x\"},{\"conversation_id\":\"c\"}]")
                .json().get("field").asString()).isEqualTo("messages[1].content");
        assertThat(postJson("/api/v1/statuses", riyadh, "[{\"message_id\":\"m\",\"status\":\"seen\"},{\"message_id\":\"m\"}]")
                .json().get("field").asString()).isEqualTo("statuses[0].status");
        assertThat(postJson("/api/v1/statuses", riyadh, "[{\"status\":\"read\"}]").json().get("field").asString())
                .isEqualTo("message_id");
        assertThat(postJson("/api/v1/conversations", riyadh, "{\"channel\":\"chat\"}").json().get("field").asString())
                .isEqualTo("agent_id");
        assertThat(postJson("/api/v1/conversations", riyadh, "{\"agent_id\":\"a\",\"channel\":\"fax\"}").json().get("field").asString())
                .isEqualTo("channel");
        assertThat(get("/api/v1/message-statuses?status=seen", riyadh).json().get("field").asString()).isEqualTo("status");
        assertThat(get("/api/v1/message-statuses/counts?group_by=content", riyadh).status()).isEqualTo(400);
    }

    @Test
    void conversationsAndHistoryWithCursorsAndFields() {
        assertThat(postJson("/api/v1/conversations", riyadh, """
                {"conversation_id":"support-1","agent_id":"agent-123","channel":"whatsapp","tags":["vip"],
                 "metadata":{"source":"web","custom_fields":{"plan":"gold"}}}""").status()).isEqualTo(201);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 1; i <= 120; i++) {
            batch.append(i == 1 ? "" : ",").append("{\"message_id\":\"s").append(i)
                    .append("\",\"conversation_id\":\"support-1\",\"content\":\"line ").append(i).append("\"}");
        }
        assertThat(postJson("/api/v1/messages", riyadh, batch.append("]").toString()).json().get("logged_count").asInt()).isEqualTo(120);

        Reply first = get("/api/v1/conversations/support-1/messages?limit=50&fields=content", riyadh);
        assertThat(first.json().get("count").asInt()).isEqualTo(50);
        assertThat(first.json().get("messages").get(0).get("message_id").asString()).isEqualTo("s120");
        assertThat(first.json().get("messages").get(0).has("status_history")).isFalse();
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        String cursor = first.json().get("next_cursor").asString();
        Reply second = get("/api/v1/conversations/support-1/messages?limit=100&before=" + cursor, riyadh);
        assertThat(second.json().get("count").asInt()).isEqualTo(70);
        assertThat(second.json().get("messages").get(69).get("message_id").asString()).isEqualTo("s1");
        assertThat(second.json().get("has_more").asBoolean()).isFalse();
        Reply oldest = get("/api/v1/conversations/support-1/messages?limit=2&order=asc", riyadh);
        assertThat(oldest.json().get("messages").get(0).get("message_id").asString()).isEqualTo("s1");

        Reply listed = get("/api/v1/conversations?channel=whatsapp&tag=vip&agent_id=agent-123", riyadh);
        assertThat(listed.json().get("count").asInt()).isEqualTo(1);
        Reply ended = send("PATCH", "/api/v1/conversations/support-1", riyadh, "application/json", "{\"status\":\"ended\"}");
        assertThat(ended.json().get("status").asString()).isEqualTo("ended");
        assertThat(ended.json().get("ended_at_formatted").isString()).isTrue();
        assertThat(get("/api/v1/conversations?status=ended", riyadh).json().get("count").asInt()).isEqualTo(1);
        assertThat(send("PATCH", "/api/v1/conversations/support-1", riyadh, "application/json", "{\"status\":\"closed\"}").status())
                .isEqualTo(400);
    }

    @Test
    void seed002QueriesOverRest() {
        postJson("/api/v1/statuses", riyadh, """
                [{"message_id":"q1","status":"sent","timestamp":1767106880,"conversation_id":"966532127070"},
                 {"message_id":"q2","status":"delivered","timestamp":1767106881,"conversation_id":"966532127070"},
                 {"message_id":"q3","status":"read","timestamp":1767106882,"conversation_id":"966532127070"}]""");

        Reply byConversation = get("/api/v1/message-statuses?conversation_id=966532127070", riyadh);
        assertThat(byConversation.json().get("messages").get(0).get("message_id").asString()).isEqualTo("q3");
        Reply unread = get("/api/v1/message-statuses?conversation_id=966532127070&status=sent,delivered", riyadh);
        assertThat(unread.json().get("count").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/message-statuses?status=read&updated_since=2020-01-01T00:00:00Z", riyadh)
                .json().get("count").asInt()).isGreaterThanOrEqualTo(1);
        Reply counts = get("/api/v1/message-statuses/counts?group_by=conversation_id,status", riyadh);
        assertThat(counts.body()).contains("\"conversation_id\": \"966532127070\", \"status\": \"delivered\", \"count\": 1");
    }

    @Test
    void noRouteLetsOneTenantReadOrChangeAnothersData() {
        postJson("/api/v1/conversations", riyadh, "{\"conversation_id\":\"private-c\",\"agent_id\":\"a\",\"channel\":\"chat\"}");
        postJson("/api/v1/messages", riyadh,
                "{\"message_id\":\"private-m\",\"conversation_id\":\"private-c\",\"content\":\"secret\",\"status\":\"sent\"}");

        assertThat(get("/api/v1/messages/private-m", other).status()).isEqualTo(404);
        assertThat(get("/api/v1/conversations/private-c", other).status()).isEqualTo(404);
        assertThat(get("/api/v1/conversations/private-c/messages", other).status()).isEqualTo(404);
        assertThat(send("PATCH", "/api/v1/conversations/private-c", other, "application/json", "{\"status\":\"ended\"}").status())
                .isEqualTo(404);
        assertThat(get("/api/v1/conversations", other).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/message-statuses", other).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/message-statuses?conversation_id=private-c", other).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/message-statuses/counts", other).json().get("count").asInt()).isZero();
        assertThat(postJson("/api/v1/messages/private-m/statuses", other, "{\"status\":\"read\"}").status()).isEqualTo(200);
        assertThat(postJson("/api/v1/messages", other,
                "{\"message_id\":\"private-m\",\"conversation_id\":\"private-c\",\"content\":\"overwrite\",\"company_id\":\"riyadh-co\"}")
                .status()).isEqualTo(400);
        assertThat(postJson("/api/v1/messages", other,
                "{\"message_id\":\"private-m\",\"conversation_id\":\"private-c\",\"content\":\"overwrite\"}").status()).isEqualTo(201);

        JsonNode mine = get("/api/v1/messages/private-m", riyadh).json();
        assertThat(mine.get("content").asString()).isEqualTo("secret");
        assertThat(mine.get("status").asString()).isEqualTo("sent");
        assertThat(get("/api/v1/conversations/private-c", riyadh).json().get("status").asString()).isEqualTo("active");
        assertThat(get("/api/v1/messages/private-m", null).status()).isEqualTo(401);
    }
}
