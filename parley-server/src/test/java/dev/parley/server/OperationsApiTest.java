package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's batch operations over REST: idempotent replays, conflicts, bad input, tenancy. */
class OperationsApiTest extends ServerTestSupport {

    private String acme;
    private String beta;

    @BeforeAll
    void keys() {
        acme = keyFor("ops-acme");
        beta = keyFor("ops-beta");
    }

    private Reply post(String key, String path, String json) {
        return send("POST", path, key, "application/json", json);
    }

    @Test
    void campaignExecutionIsIdempotentUnderItsKey() {
        String body = "{\"user_id\":\"user-123\",\"contacts_count\":5000,\"ip_address\":\"192.168.1.1\",\"idempotency_key\":\"exec-1\"}";
        Reply first = post(acme, "/api/v1/campaigns/campaign-456/executions", body);
        assertThat(first.status()).isEqualTo(201);
        JsonNode ids = first.json();
        assertThat(ids.get("audit_id").asString()).isNotBlank();
        assertThat(ids.get("metric_id").asString()).isNotBlank();
        assertThat(ids.get("event_id").asString()).isNotBlank();
        Reply replay = post(acme, "/api/v1/campaigns/campaign-456/executions", body);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("event_id").asString()).isEqualTo(ids.get("event_id").asString());
        assertThat(get("/api/v1/aggregates/campaign/campaign-456/events", acme).json().get("count").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/resources/campaign-456/history", acme).json().get("count").asInt()).isEqualTo(1);

        Reply different = post(acme, "/api/v1/campaigns/campaign-456/executions",
                "{\"user_id\":\"user-123\",\"contacts_count\":1,\"idempotency_key\":\"exec-1\"}");
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.contentType()).startsWith("application/problem+json");
    }

    @Test
    void closingAConversationEndsItAndLogsTheRest() {
        post(acme, "/api/v1/conversations", "{\"conversation_id\":\"conv-close\",\"channel\":\"whatsapp\",\"agent_id\":\"agent-1\",\"contact_id\":\"contact-1\"}");
        Reply closed = post(acme, "/api/v1/conversations/conv-close/close",
                "{\"user_id\":\"agent-1\",\"resolution_time_seconds\":3600,\"idempotency_key\":\"close-1\"}");
        assertThat(closed.status()).isEqualTo(201);
        assertThat(get("/api/v1/conversations/conv-close", acme).json().get("status").asString()).isEqualTo("ended");
        assertThat(get("/api/v1/metrics/conversations_closed/daily?days=1", acme).json().get(0).get("total").asLong()).isEqualTo(3600);
        assertThat(get("/api/v1/aggregates/conversation/conv-close/events", acme).json().get("events").get(0)
                .get("event_type").asString()).isEqualTo("ConversationClosed");
    }

    @Test
    void badInputIs400NamingTheField() {
        assertProblemNames(post(acme, "/api/v1/campaigns/c/executions", "{\"contacts_count\":5}"), "user_id");
        assertProblemNames(post(acme, "/api/v1/campaigns/c/executions", "{\"user_id\":\"u\",\"contacts_count\":\"many\"}"), "contacts_count");
        assertProblemNames(post(acme, "/api/v1/campaigns/c/executions", "{\"user_id\":\"u\",\"contacts_count\":1,\"idempotency_key\":\"a b\"}"),
                "idempotency_key");
        assertProblemNames(post(acme, "/api/v1/conversations/x/close", "{\"user_id\":\"u\"}"), "resolution_time_seconds");
        assertThat(post(acme, "/api/v1/conversations/no-such/close", "{\"user_id\":\"u\",\"resolution_time_seconds\":1}").status())
                .isEqualTo(404);
    }

    @Test
    void anotherTenantCannotCloseOrReplayThisTenantsOperations() {
        post(acme, "/api/v1/conversations", "{\"conversation_id\":\"conv-private\",\"channel\":\"chat\",\"agent_id\":\"agent-1\",\"contact_id\":\"contact-1\"}");
        assertThat(post(beta, "/api/v1/conversations/conv-private/close", "{\"user_id\":\"u\",\"resolution_time_seconds\":1}").status())
                .isEqualTo(404);
        assertThat(get("/api/v1/conversations/conv-private", acme).json().get("status").asString()).isEqualTo("active");
        String body = "{\"user_id\":\"u\",\"contacts_count\":7,\"idempotency_key\":\"shared-key\"}";
        assertThat(post(acme, "/api/v1/campaigns/camp-x/executions", body).status()).isEqualTo(201);
        assertThat(post(beta, "/api/v1/campaigns/camp-x/executions", body).status()).isEqualTo(201); // B's own operation
        assertThat(get("/api/v1/resources/camp-x/history", beta).json().get("count").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/aggregates/campaign/camp-x/events", acme).json().get("count").asInt()).isEqualTo(1);
    }
}
