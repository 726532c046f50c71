package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/messages/search} and {@code GET /api/v1/conversations/search}, per tenant. */
class SearchApiTest extends ServerTestSupport {

    private String gulf;
    private String other;

    @BeforeAll
    void tenants() {
        gulf = keyFor("search-gulf");
        other = keyFor("search-other");
        postJson("/api/v1/messages", gulf, """
                [{"message_id":"m1","conversation_id":"c1","content":"مرحباً، طلبك في الطريق","created_at":"2026-02-01T10:00:00Z"},
                 {"message_id":"m2","conversation_id":"c1","content":"I need help with the refund","direction":"inbound","created_at":"2026-02-01T10:05:00Z"},
                 {"message_id":"m3","conversation_id":"c2","content":"Support will call you back","created_at":"2026-02-02T09:00:00Z"}]""");
        postJson("/api/v1/messages", other, """
                {"message_id":"x1","conversation_id":"cx","content":"help me please, refund and support","created_at":"2026-02-03T09:00:00Z"}""");
        postJson("/api/v1/conversations", gulf, """
                {"conversation_id":"c9","agent_id":"a1","channel":"whatsapp","metadata":{"custom_fields":{"order_id":"ORD-7781","city":"الرياض"}}}""");
        postJson("/api/v1/conversations", other, """
                {"conversation_id":"c8","agent_id":"a1","channel":"chat","metadata":{"custom_fields":{"order_id":"ORD-7781"}}}""");
    }

    private List<String> ids(JsonNode reply, String list, String idField) {
        List<String> ids = new ArrayList<>();
        reply.get(list).forEach(m -> ids.add(m.get(idField).asString()));
        return ids;
    }

    @Test
    void seed000SearchMessagesNewestFirstWithSnippets() {
        Reply reply = get("/api/v1/messages/search?" + query("q", "help OR support") + "&limit=20", gulf);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply.json(), "messages", "message_id")).containsExactly("m3", "m2");
        assertThat(reply.json().get("messages").get(0).get("snippet").asString()).isEqualTo("<mark>Support</mark> will call you back");
        assertThat(reply.json().get("messages").get(0).has("search_seq")).isFalse();
        assertThat(reply.json().get("has_more").asBoolean()).isFalse();
    }

    @Test
    void arabicWithoutTheTanweenFindsTheMessage() {
        Reply reply = get("/api/v1/messages/search?" + query("q", "مرحبا"), gulf);

        assertThat(ids(reply.json(), "messages", "message_id")).containsExactly("m1");
        assertThat(reply.json().get("messages").get(0).get("snippet").asString()).startsWith("<mark>مرحباً</mark>");
    }

    @Test
    void filtersAndCursorsWorkOverRest() {
        assertThat(ids(get("/api/v1/messages/search?" + query("q", "help OR support") + "&direction=inbound", gulf).json(),
                "messages", "message_id")).containsExactly("m2");
        JsonNode first = get("/api/v1/messages/search?" + query("q", "help OR support") + "&limit=1", gulf).json();
        assertThat(first.get("has_more").asBoolean()).isTrue();
        JsonNode second = get("/api/v1/messages/search?" + query("q", "help OR support") + "&limit=1&"
                + query("cursor", first.get("next_cursor").asString()), gulf).json();
        assertThat(ids(second, "messages", "message_id")).containsExactly("m2");
    }

    @Test
    void oneTenantsWordsNeverReturnAnothersMessagesOrConversations() {
        assertThat(ids(get("/api/v1/messages/search?q=please", gulf).json(), "messages", "message_id")).isEmpty();
        assertThat(ids(get("/api/v1/messages/search?q=refund", other).json(), "messages", "message_id")).containsExactly("x1");
        assertThat(ids(get("/api/v1/conversations/search?q=ORD-7781", gulf).json(), "conversations", "conversation_id"))
                .containsExactly("c9");
        assertThat(ids(get("/api/v1/conversations/search?q=ORD-7781", other).json(), "conversations", "conversation_id"))
                .containsExactly("c8");
        assertThat(ids(get("/api/v1/conversations/search?" + query("q", "الرياض"), other).json(), "conversations", "conversation_id"))
                .isEmpty();
    }

    @Test
    void seed004CustomFieldsAreSearchableAndFollowUpdates() {
        postJson("/api/v1/conversations", gulf, """
                {"conversation_id":"c10","agent_id":"a2","channel":"chat","metadata":{"custom_fields":{"branch":"الدمام الشرقية"}}}""");
        assertThat(ids(get("/api/v1/conversations/search?" + query("q", "دمام"), gulf).json(), "conversations", "conversation_id"))
                .containsExactly("c10");
        assertThat(send("PATCH", "/api/v1/conversations/c10", gulf, "application/json",
                "{\"metadata\":{\"custom_fields\":{\"branch\":\"Jeddah Corniche\"}}}").status()).isEqualTo(200);

        assertThat(ids(get("/api/v1/conversations/search?q=jeddah", gulf).json(), "conversations", "conversation_id"))
                .containsExactly("c10");
        assertThat(ids(get("/api/v1/conversations/search?" + query("q", "الدمام"), gulf).json(), "conversations", "conversation_id"))
                .isEmpty();
        JsonNode hit = get("/api/v1/conversations/search?q=corniche", gulf).json().get("conversations").get(0);
        assertThat(hit.get("snippet").asString()).contains("<mark>Corniche</mark>");
        assertThat(hit.has("search_seq")).isFalse();
    }

    @Test
    void deletingAMessageRemovesItsHitsAndOnlyItsTenantMayDoIt() {
        postJson("/api/v1/messages", gulf, "{\"message_id\":\"d1\",\"conversation_id\":\"c5\",\"content\":\"erase this voucher\"}");
        assertThat(send("DELETE", "/api/v1/messages/d1", other, null, null).status()).isEqualTo(404);
        assertThat(ids(get("/api/v1/messages/search?q=voucher", gulf).json(), "messages", "message_id")).containsExactly("d1");

        assertThat(send("DELETE", "/api/v1/messages/d1", gulf, null, null).status()).isEqualTo(204);

        assertThat(ids(get("/api/v1/messages/search?q=voucher", gulf).json(), "messages", "message_id")).isEmpty();
        assertThat(get("/api/v1/messages/d1", gulf).status()).isEqualTo(404);
    }

    @Test
    void badSearchesAre400NamingTheField() {
        assertProblemNames(get("/api/v1/messages/search", gulf), "q");
        assertProblemNames(get("/api/v1/messages/search?q=-alone", gulf), "q");
        assertProblemNames(get("/api/v1/messages/search?q=a*", gulf), "q");
        assertProblemNames(get("/api/v1/messages/search?q=ok&limit=500", gulf), "limit");
        assertProblemNames(get("/api/v1/messages/search?q=ok&cursor=nope", gulf), "cursor");
        assertProblemNames(get("/api/v1/messages/search?q=ok&direction=up", gulf), "direction");
        assertProblemNames(get("/api/v1/messages/search?q=ok&from=yesterday", gulf), "from");
        assertProblemNames(get("/api/v1/conversations/search?q=", gulf), "q");
        assertThat(get("/api/v1/messages/search?q=ok", null).status()).isEqualTo(401);
    }
}
