package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthAndAdminTest extends ServerTestSupport {

    @Test
    void healthReportsMongoState() {
        Reply health = get("/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("healthy");
        assertThat(health.json().get("mongodb").get("status").asString()).isEqualTo("healthy");
        assertThat(health.json().get("mongodb").get("connected").asBoolean()).isTrue();
        assertThat(health.json().get("mongodb").get("mode").asString())
                .isEqualTo(dev.parley.testing.TestStores.externalUri() == null ? "embedded" : "external");
        assertThat(health.json().get("mongodb").get("database").asString()).startsWith("parley_test_");
        assertThat(health.json().get("mongodb").get("latency_ms").isNumber()).isTrue();
    }

    @Test
    void theBootstrapKeyOpensTheDemoTenant() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        // start-up tasks run in the background: wait until the key is accepted, not just the tenant made
        while (parley.tenants().authenticate(BOOTSTRAP_KEY).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Reply reply = postJson("/api/v1/collections/demo-notes/documents", BOOTSTRAP_KEY, "{\"_id\":\"hello\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(parley.tenant("demo").documents("demo-notes").get("hello")).isNotNull();
    }

    @Test
    void actuatorProbesAreUp() {
        assertThat(get("/actuator/health/liveness", null).json().get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health/readiness", null).json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void mongodbTestDoesARealRoundTrip() {
        Reply reply = get("/mongodb-test", ADMIN_KEY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).isEqualTo("success");
        assertThat(reply.json().get("steps").get("insert_ms").isNumber()).isTrue();
        assertThat(reply.json().get("steps").get("read_ms").isNumber()).isTrue();
        assertThat(reply.json().get("steps").get("delete_ms").isNumber()).isTrue();
    }

    @Test
    void operatorsCreateListAndRotateTenantsOverRest() {
        Reply created = postJson("/api/v1/admin/tenants", ADMIN_KEY,
                "{\"organization_id\":\"rest-made\",\"name\":\"Rest Made\",\"timezone\":\"Asia/Kolkata\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("organization_id").asString()).isEqualTo("rest-made");
        String firstKey = created.json().get("api_key").asString();
        assertThat(get("/api/v1/collections/x/documents", firstKey).status()).isEqualTo(200);

        Reply listed = get("/api/v1/admin/tenants", ADMIN_KEY);
        assertThat(listed.body()).contains("\"organization_id\":\"rest-made\"").contains("Asia/Kolkata");

        Reply rotated = postJson("/api/v1/admin/tenants/rest-made/keys", ADMIN_KEY, null);
        assertThat(rotated.status()).isEqualTo(201);
        String secondKey = rotated.json().get("api_key").asString();
        assertThat(get("/api/v1/collections/x/documents", firstKey).status()).isEqualTo(401);
        assertThat(get("/api/v1/collections/x/documents", secondKey).status()).isEqualTo(200);

        Reply duplicate = postJson("/api/v1/admin/tenants", ADMIN_KEY, "{\"organization_id\":\"rest-made\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        Reply invalid = postJson("/api/v1/admin/tenants", ADMIN_KEY, "{\"organization_id\":\"Bad Slug\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("field").asString()).isEqualTo("organization_id");
        assertThat(get("/api/v1/admin/tenants/nope", ADMIN_KEY).status()).isEqualTo(404);
    }

    @Test
    void adminStatsNeedTheAdminKey() {
        Reply stats = get("/api/v1/admin/stats", ADMIN_KEY);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().get("server").get("mode").asString()).isEqualTo("embedded");
        assertThat(stats.json().get("collections").isArray()).isTrue();
        assertThat(get("/api/v1/admin/stats", keyFor("stats-tenant")).status()).isEqualTo(403);
        assertThat(get("/api/v1/admin/stats", null).status()).isEqualTo(401);
    }
}
