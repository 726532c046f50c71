package dev.parley.server;

import dev.parley.StoreAccess;
import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's audit log over REST: shape, queries, paging, verification, bad input, tenancy. */
class AuditApiTest extends ServerTestSupport {

    private String acme;
    private String beta;

    @BeforeAll
    void keys() {
        acme = keyFor("audit-acme");
        beta = keyFor("audit-beta");
        for (int i = 0; i < 5; i++) {
            Reply logged = log(acme, "user-123", "campaign-" + (i % 2));
            assertThat(logged.status()).isEqualTo(201);
        }
    }

    private Reply log(String key, String user, String resource) {
        return send("POST", "/api/v1/audit-logs", key, "application/json", "{\"user_id\":\"" + user + "\",\"action\":\"execute\","
                + "\"resource_type\":\"campaign\",\"resource_id\":\"" + resource + "\",\"changes\":{\"before\":{\"status\":\"draft\"},"
                + "\"after\":{\"status\":\"executed\"}},\"ip_address\":\"192.168.1.1\"}");
    }

    @Test
    void entriesAreChainedAndQueryable() {
        // seq 1 and 2 are Parley's own entries: the tenant was created and its first key issued
        JsonNode all = get("/api/v1/audit-logs?user_id=user-123&limit=100", acme).json();
        assertThat(all.get("count").asInt()).isEqualTo(5);
        JsonNode newest = all.get("audit_logs").get(0);
        assertThat(newest.get("seq").asLong()).isEqualTo(7);
        assertThat(newest.get("prev_hash").asString()).isEqualTo(all.get("audit_logs").get(1).get("hash").asString());
        assertThat(newest.get("changes").get("after").get("status").asString()).isEqualTo("executed");
        assertThat(newest.get("created_at_formatted")).isNotNull();
        assertThat(newest.has("_id")).isFalse();

        JsonNode page = get("/api/v1/audit-logs?action=execute&limit=2", acme).json();
        assertThat(page.get("count").asInt()).isEqualTo(2);
        JsonNode next = get("/api/v1/audit-logs?action=execute&limit=2&cursor=" + page.get("next_cursor").asString(), acme).json();
        assertThat(next.get("audit_logs").get(0).get("seq").asLong()).isEqualTo(5);

        assertThat(get("/api/v1/users/user-123/activity?days=7&limit=100", acme).json().get("count").asInt()).isEqualTo(5);
        assertThat(get("/api/v1/resources/campaign-1/history?limit=50", acme).json().get("count").asInt()).isEqualTo(2);
        JsonNode verified = get("/api/v1/audit-logs/verify", acme).json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("checked").asLong()).isEqualTo(7);
        assertThat(verified.get("keyed_from").asLong()).isEqualTo(1);
        assertThat(verified.get("unkeyed").asLong()).isZero();
        assertThat(verified.get("head").asString()).isEqualTo("signed");
        assertThat(verified.get("note").isNull()).isTrue();
        assertThat(newest.get("hash_alg").asString()).isEqualTo("hmac-sha256");
        JsonNode own = get("/api/v1/audit-logs?user_id=parley", acme).json().get("audit_logs");
        assertThat(own.get(1).get("resource_type").asString()).isEqualTo("tenant");
        assertThat(own.get(0).get("resource_type").asString()).isEqualTo("api_key");
    }

    @Test
    void aBatchIsAppendedConsecutivelyOrNotAtAll() {
        String key = keyFor("audit-batch");
        String entry = "{\"user_id\":\"u\",\"action\":\"view\",\"resource_type\":\"contact\",\"resource_id\":\"c\"}";
        Reply bad = send("POST", "/api/v1/audit-logs", key, "application/json", "[" + entry + ",{\"action\":\"view\"}]");
        assertProblemNames(bad, "[1].user_id");
        Reply batch = send("POST", "/api/v1/audit-logs", key, "application/json", "[" + entry + "," + entry + "," + entry + "]");
        assertThat(batch.status()).isEqualTo(201);
        JsonNode logged = batch.json().get("audit_logs");
        assertThat(logged.size()).isEqualTo(3);
        assertThat(logged.get(0).get("seq").asLong()).isEqualTo(3); // after the tenant's creation and first key
        assertThat(logged.get(2).get("prev_hash").asString()).isEqualTo(logged.get(1).get("hash").asString());
        assertThat(get("/api/v1/audit-logs/verify", key).json().get("checked").asLong()).isEqualTo(5);
    }

    /** A chain written before chains were keyed still verifies, and the answer says what its unkeyed entries are worth. */
    @Test
    void verifySaysHowManyEntriesAreUnkeyedAndWhereTheKeyedPartStarts() {
        dev.parley.audit.LegacyChains.write(StoreAccess.of(parley), "audit-legacy", 4);
        String key = keyFor("audit-legacy"); // the tenant's creation and first key: the first keyed entries
        JsonNode verified = get("/api/v1/audit-logs/verify", key).json();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("checked").asLong()).isEqualTo(6);
        assertThat(verified.get("unkeyed").asLong()).isEqualTo(4);
        assertThat(verified.get("keyed_from").asLong()).isEqualTo(5);
        assertThat(verified.get("head").asString()).isEqualTo("signed");
        assertThat(verified.get("note").asString()).contains("entries 1 to 4 are unkeyed")
                .contains("protected against accidental change only, not against someone who can write to the database")
                .contains("keyed part starts at seq 5");
    }

    @Test
    void badInputIs400NamingTheField() {
        assertProblemNames(send("POST", "/api/v1/audit-logs", acme, "application/json",
                "{\"user_id\":\"u\",\"action\":\"explode\",\"resource_type\":\"campaign\"}"), "action");
        assertProblemNames(send("POST", "/api/v1/audit-logs", acme, "application/json",
                "{\"action\":\"view\",\"resource_type\":\"campaign\"}"), "user_id");
        assertProblemNames(get("/api/v1/audit-logs?limit=0", acme), "limit");
        assertProblemNames(get("/api/v1/audit-logs?cursor=abc", acme), "cursor");
        assertProblemNames(get("/api/v1/audit-logs?from=yesterday", acme), "from");
        assertProblemNames(get("/api/v1/users/u/activity?days=0", acme), "days");
    }

    @Test
    void anotherTenantSeesNothingAndHasItsOwnChain() {
        assertThat(get("/api/v1/audit-logs?user_id=user-123", beta).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/users/user-123/activity", beta).json().get("count").asInt()).isZero();
        assertThat(get("/api/v1/resources/campaign-1/history", beta).json().get("count").asInt()).isZero();
        JsonNode own = log(beta, "user-123", "campaign-1").json();
        assertThat(own.get("seq").asLong()).isEqualTo(3);
        assertThat(own.get("organization_id").asString()).isEqualTo("audit-beta");
        assertThat(get("/api/v1/audit-logs/verify", beta).json().get("checked").asLong()).isEqualTo(3);
        assertThat(get("/api/v1/audit-logs/verify", acme).json().get("checked").asLong()).isEqualTo(7);
        assertThat(get("/api/v1/audit-logs", null).status()).isEqualTo(401);
    }
}
