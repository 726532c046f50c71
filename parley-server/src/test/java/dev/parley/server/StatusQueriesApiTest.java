package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002's status lists (paged by cursor) and counts over REST, with bad input and tenancy. */
class StatusQueriesApiTest extends ServerTestSupport {

    private String owner;
    private String other;

    @BeforeAll
    void tenants() {
        owner = keyFor("statusq-owner");
        other = keyFor("statusq-other");
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            events.append(i == 0 ? "" : ",").append("{\"message_id\":\"wamid.q").append(100 + i).append("\",\"status\":\"delivered\",")
                    .append("\"timestamp\":").append(1767106800 + i).append(",\"conversation_id\":\"9665").append(i % 2).append("\"}");
        }
        assertThat(postJson("/api/v1/statuses", owner, events.append("]").toString()).status()).isEqualTo(200);
    }

    @Test
    void statusListsPageWithACursorThatStaysStableWhileMessagesMove() {
        Reply first = get("/api/v1/message-statuses?status=delivered,read&limit=10", owner);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("count").asInt()).isEqualTo(10);
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        List<String> seen = new ArrayList<>(ids(first.json()));
        assertThat(seen).startsWith("wamid.q124", "wamid.q123");
        // read while the client pages: wamid.q105 is still ahead of the cursor, wamid.q122 was already shown
        postJson("/api/v1/statuses", owner, """
                [{"message_id":"wamid.q105","status":"read","timestamp":1767110000},
                 {"message_id":"wamid.q122","status":"read","timestamp":1767110001}]""");
        String cursor = first.json().get("next_cursor").asString();
        while (cursor != null) {
            JsonNode page = get("/api/v1/message-statuses?status=delivered,read&limit=10&cursor=" + cursor, owner).json();
            seen.addAll(ids(page));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(seen.get(19)).isEqualTo("wamid.q105"); // where it stood when paging started

        assertThat(ids(get("/api/v1/message-statuses?status=read", owner).json())).containsExactly("wamid.q122", "wamid.q105");
        assertThat(get("/api/v1/message-statuses?status=delivered&conversation_id=96651&limit=100", owner).json().get("count").asInt())
                .isEqualTo(11); // 12 odd ones, one of them read
        JsonNode counts = get("/api/v1/message-statuses/counts?group_by=status", owner).json();
        assertThat(counts.get("counts").toString()).isEqualTo("[{\"status\":\"delivered\",\"count\":23},{\"status\":\"read\",\"count\":2}]");
    }

    @Test
    void badStatusCursorLimitAndGroupingAre400ProblemsNamingTheField() {
        assertProblemNames(get("/api/v1/message-statuses?status=seen", owner), "status");
        assertProblemNames(get("/api/v1/message-statuses?cursor=bm90LWEtY3Vyc29y", owner), "cursor");
        assertProblemNames(get("/api/v1/message-statuses?cursor=%25%25", owner), "cursor");
        assertProblemNames(get("/api/v1/message-statuses?limit=0", owner), "limit");
        assertProblemNames(get("/api/v1/message-statuses?limit=1001", owner), "limit");
        assertProblemNames(get("/api/v1/message-statuses?limit=ten", owner), "limit");
        assertProblemNames(get("/api/v1/message-statuses?updated_since=yesterday", owner), "updated_since");
        assertProblemNames(get("/api/v1/message-statuses/counts?group_by=content", owner), "group_by");
    }

    @Test
    void aTenantNeverSeesAnothersListsOrCounts() {
        String ownersCursor = get("/api/v1/message-statuses?limit=1", owner).json().get("next_cursor").asString();

        assertThat(get("/api/v1/message-statuses", other).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/message-statuses?status=delivered&cursor=" + ownersCursor, other).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/message-statuses?conversation_id=96650", other).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/message-statuses?updated_since=2020-01-01T00:00:00Z", other).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/message-statuses/counts", other).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/message-statuses/counts", owner).json().get("count").asInt()).isPositive();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("messages").forEach(m -> ids.add(m.get("message_id").asString()));
        return ids;
    }
}
