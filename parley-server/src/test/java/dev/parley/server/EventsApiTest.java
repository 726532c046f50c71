package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's event store over REST: shapes, versions, conflicts, idempotency, bad input, tenancy. */
class EventsApiTest extends ServerTestSupport {

    private static final String CAMPAIGN = "{\"event_type\":\"CampaignExecuted\",\"event_data\":{\"campaign_id\":\"campaign-456\","
            + "\"contacts_count\":5000,\"status\":\"completed\"},\"aggregate_id\":\"campaign-456\",\"aggregate_type\":\"campaign\"";
    private String acme;
    private String beta;

    @BeforeAll
    void keys() {
        acme = keyFor("events-acme");
        beta = keyFor("events-beta");
    }

    private Reply post(String key, String json) {
        return send("POST", "/api/v1/events", key, "application/json", json);
    }

    @Test
    void storeEventThenReadByAggregateAndByType() {
        Reply first = post(acme, CAMPAIGN + "}");
        assertThat(first.status()).isEqualTo(201);
        JsonNode event = first.json();
        assertThat(event.get("version").asLong()).isEqualTo(1);
        assertThat(event.get("organization_id").asString()).isEqualTo("events-acme");
        assertThat(event.get("event_id").asString()).isNotBlank();
        assertThat(event.has("_id")).isFalse();
        assertThat(event.get("created_at_formatted")).isNotNull();
        assertThat(post(acme, CAMPAIGN + ",\"expected_version\":1}").json().get("version").asLong()).isEqualTo(2);

        JsonNode stream = get("/api/v1/aggregates/campaign/campaign-456/events?limit=100", acme).json();
        assertThat(stream.get("count").asInt()).isEqualTo(2);
        assertThat(stream.get("events").get(1).get("version").asLong()).isEqualTo(2);
        assertThat(get("/api/v1/aggregates/campaign/campaign-456/events?from_version=2", acme).json().get("count").asInt())
                .isEqualTo(1);
        JsonNode byType = get("/api/v1/events?event_type=CampaignExecuted&limit=100", acme).json();
        assertThat(byType.get("count").asInt()).isEqualTo(2);
        assertThat(byType.get("events").get(0).get("version").asLong()).isEqualTo(2); // newest first
    }

    @Test
    void staleExpectedVersionIs409AndARepeatedEventIdReturnsTheFirst() {
        post(acme, "{\"event_type\":\"ConversationClosed\",\"aggregate_id\":\"conv-9\",\"aggregate_type\":\"conversation\"}");
        Reply stale = post(acme, "{\"event_type\":\"ConversationClosed\",\"aggregate_id\":\"conv-9\","
                + "\"aggregate_type\":\"conversation\",\"expected_version\":0}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");

        String once = "{\"event_type\":\"MessageSent\",\"aggregate_id\":\"m-1\",\"aggregate_type\":\"message\",\"event_id\":\"evt-42\"}";
        Reply created = post(acme, once);
        Reply repeated = post(acme, once);
        assertThat(created.status()).isEqualTo(201);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().get("version").asLong()).isEqualTo(created.json().get("version").asLong());
        assertThat(get("/api/v1/aggregates/message/m-1/events", acme).json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void badInputIs400NamingTheField() {
        assertProblemNames(post(acme, "{\"aggregate_id\":\"a\",\"aggregate_type\":\"campaign\"}"), "event_type");
        assertProblemNames(post(acme, "{\"event_type\":\"X\",\"aggregate_type\":\"campaign\"}"), "aggregate_id");
        assertProblemNames(post(acme, "{\"event_type\":\"X\",\"aggregate_id\":\"a\",\"aggregate_type\":\"campaign\",\"event_data\":[1]}"),
                "event_data");
        assertProblemNames(post(acme, "{\"event_type\":\"X\",\"aggregate_id\":\"a\",\"aggregate_type\":\"campaign\",\"expected_version\":\"one\"}"),
                "expected_version");
        assertProblemNames(get("/api/v1/events?limit=5", acme), "event_type");
        assertProblemNames(get("/api/v1/events?event_type=X&limit=5000", acme), "limit");
        assertProblemNames(get("/api/v1/aggregates/campaign/a/events?from_version=0", acme), "from_version");
        assertThat(post(acme, "[1,2]").status()).isEqualTo(400);
    }

    @Test
    void anotherTenantNeitherSeesNorExtendsTheStream() {
        post(acme, "{\"event_type\":\"Private\",\"aggregate_id\":\"shared-id\",\"aggregate_type\":\"contact\",\"event_id\":\"acme-evt\"}");
        assertThat(get("/api/v1/aggregates/contact/shared-id/events", beta).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/events?event_type=Private", beta).json().get("count").asInt()).isZero();
        // the same event_id and aggregate in tenant B is B's own first event, not A's
        Reply own = post(beta, "{\"event_type\":\"Private\",\"aggregate_id\":\"shared-id\",\"aggregate_type\":\"contact\","
                + "\"event_id\":\"acme-evt\",\"expected_version\":0}");
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.json().get("organization_id").asString()).isEqualTo("events-beta");
        assertThat(get("/api/v1/aggregates/contact/shared-id/events", acme).json().get("count").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/aggregates/contact/shared-id/events", beta).json().get("count").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/events?event_type=Private", null).status()).isEqualTo(401);
    }
}
