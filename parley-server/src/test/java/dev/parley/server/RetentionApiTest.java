package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** GET/PUT /api/v1/retention: defaults, partial updates, legal holds, audit, bad input, tenancy. */
class RetentionApiTest extends ServerTestSupport {

    private String acme;
    private String beta;

    @BeforeAll
    void keys() {
        acme = keyFor("retention-acme");
        beta = keyFor("retention-beta");
    }

    private Reply put(String key, String json) {
        return send("PUT", "/api/v1/retention", key, "application/json", json);
    }

    @Test
    void defaultsThenPartialUpdatesThatAreAudited() {
        JsonNode defaults = get("/api/v1/retention", acme).json();
        assertThat(defaults.get("days").get("messages").asInt()).isEqualTo(90);
        assertThat(defaults.get("days").get("audit_logs").asInt()).isEqualTo(365);
        assertThat(defaults.get("days").get("analytics").asInt()).isEqualTo(180);
        assertThat(defaults.get("days").get("events").asInt()).isEqualTo(365);
        assertThat(defaults.get("days").get("raw_webhooks").asInt()).isEqualTo(30);
        assertThat(defaults.get("days").get("analytics_rollups").asInt()).isEqualTo(730);
        assertThat(defaults.get("legal_hold").get("tenant").asBoolean()).isFalse();

        Reply updated = put(acme, "{\"days\":{\"messages\":30},\"legal_hold\":{\"conversations\":[\"conv-1\"],\"reason\":\"case 42\"}}");
        assertThat(updated.status()).isEqualTo(200);
        JsonNode now = get("/api/v1/retention", acme).json();
        assertThat(now.get("days").get("messages").asInt()).isEqualTo(30);
        assertThat(now.get("days").get("events").asInt()).isEqualTo(365); // untouched
        assertThat(now.get("legal_hold").get("conversations").get(0).asString()).isEqualTo("conv-1");
        JsonNode audit = get("/api/v1/audit-logs?resource_type=retention_policy", acme).json();
        assertThat(audit.get("count").asInt()).isEqualTo(1);
        assertThat(audit.get("audit_logs").get(0).get("changes").get("after").get("days").get("messages").asInt()).isEqualTo(30);
    }

    @Test
    void badPoliciesAre400NamingTheField() {
        assertProblemNames(put(acme, "{\"days\":{\"messages\":0}}"), "days.messages");
        assertProblemNames(put(acme, "{\"days\":{\"photos\":10}}"), "days.photos");
        assertProblemNames(put(acme, "{\"legal_hold\":{\"conversations\":\"conv-1\"}}"), "legal_hold.conversations");
        assertProblemNames(put(acme, "{\"forever\":true}"), "forever");
        assertThat(put(acme, "[]").status()).isEqualTo(400);
    }

    @Test
    void eachTenantHasItsOwnPolicy() {
        put(beta, "{\"legal_hold\":{\"tenant\":true}}");
        assertThat(get("/api/v1/retention", beta).json().get("legal_hold").get("tenant").asBoolean()).isTrue();
        assertThat(get("/api/v1/retention", acme).json().get("legal_hold").get("tenant").asBoolean()).isFalse();
        assertThat(get("/api/v1/audit-logs?resource_type=retention_policy", beta).json().get("count").asInt()).isEqualTo(1);
    }
}
