package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 003's user routes and login: shapes, roles, tenancy, tokens, quotas, bad input. */
class UsersApiTest extends ServerTestSupport {

    private static final String PASSWORD = "correct horse battery";

    @BeforeAll
    void users() {
        keyFor("ua-acme");
        keyFor("ua-other");
        create("ua-acme", new Document("user_id", 1).append("role", "admin"));
        create("ua-acme", new Document("user_id", "viewer-v").append("role", "viewer"));
        create("ua-acme", new Document("user_id", "root").append("role", "superadmin"));
        create("ua-other", new Document("user_id", "bob").append("role", "admin"));
    }

    private void create(String tenant, Document user) {
        parley.users().create(tenant, user.append("password", PASSWORD), "UTC");
    }

    private JsonNode login(String tenant, String userId) {
        Reply reply = postJson("/api/v1/auth/login", null,
                "{\"tenant_id\":\"" + tenant + "\",\"user_id\":\"" + userId + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private String token(String tenant, String userId) {
        return login(tenant, userId).get("access_token").asString();
    }

    private Reply patch(String path, String token, String body) {
        return send("PATCH", path, token, "application/json", body);
    }

    private Reply as(String method, String path, String token, String tenantHeader) {
        return new TestHttp(port).send(method, path, token, null, null, Map.of("X-Tenant-Id", tenantHeader));
    }

    /** Seed 003's "Testing" section, in order, with a token from /api/v1/auth/login. */
    @Test
    void seed003sCurlExamplesWork() {
        Reply health = get("/health/", null);
        assertThat(health.json().get("mongodb").get("status").asString()).isEqualTo("healthy");
        assertThat(health.json().get("redis").get("status").asString()).isEqualTo("disabled");
        String token = token("ua-acme", "1");
        Reply indexes = postJson("/api/v1/users/admin/initialize-indexes/", token, "");
        assertThat(indexes.status()).as(indexes.body()).isEqualTo(200);
        assertThat(postJson("/api/v1/logs/admin/initialize-metadata-indexes/", token, "").status()).isEqualTo(200);

        JsonNode profile = get("/api/v1/users/profile/", token).json();
        assertThat(profile.get("user_id").asLong()).isEqualTo(1);
        assertThat(profile.get("tenant_id").asString()).isEqualTo("ua-acme");
        assertThat(profile.get("role").asString()).isEqualTo("admin");
        assertThat(profile.get("preferences").get("notifications").get("email").asBoolean()).isTrue();
        assertThat(profile.get("api_quota").get("api_calls_per_hour").asLong()).isEqualTo(1000);
        assertThat(profile.has("password_hash")).isFalse();

        Reply updated = patch("/api/v1/users/profile/", token, "{\"preferences\": {\"theme\": \"light\"}}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("preferences").get("theme").asString()).isEqualTo("light");
        assertThat(updated.json().get("preferences").get("timezone").asString()).isEqualTo("UTC");
        assertThat(updated.json().get("preferences").get("notifications").get("browser").asBoolean()).isTrue();

        Reply uploads = get("/api/v1/logs/metadata/?status=success", token);
        assertThat(uploads.status()).isEqualTo(200);
        assertThat(uploads.json().has("metadata")).isTrue();
        Reply stats = get("/api/v1/logs/metadata/stats/?days=7", token);
        assertThat(stats.json().get("period_days").asInt()).isEqualTo(7);
    }

    @Test
    void quotaShowsWhatIsLeft() {
        String token = token("ua-acme", "viewer-v");
        JsonNode quota = get("/api/v1/users/profile/quota/", token).json();
        assertThat(quota.get("api_quota").get("logs_per_day").asLong()).isEqualTo(100_000);
        assertThat(quota.get("usage").get("api_calls_this_hour").asLong()).isPositive();
        assertThat(quota.get("usage").get("api_calls_remaining").asLong()).isLessThan(1000);
    }

    @Test
    void rolesDecideWhatACallerMayDo() {
        String viewer = token("ua-acme", "viewer-v");
        String admin = token("ua-acme", "1");
        String root = token("ua-acme", "root");
        String otherAdmin = token("ua-other", "bob");

        // a viewer reads, and changes only its own preferences
        assertThat(get("/api/v1/conversations", viewer).status()).isEqualTo(200);
        assertThat(patch("/api/v1/users/admin/profile/1/", viewer, "{\"role\":\"viewer\"}").status()).isEqualTo(403);
        assertThat(postJson("/api/v1/messages", viewer, "{}").status()).isEqualTo(403);
        assertThat(get("/api/v1/users/tenant/users/", viewer).status()).isEqualTo(403);
        assertThat(patch("/api/v1/users/profile/", viewer, "{\"role\":\"admin\"}").status()).isEqualTo(400);

        // an admin manages its tenant only
        Reply list = get("/api/v1/users/tenant/users/", admin);
        assertThat(list.json().get("users").findValuesAsString("tenant_id")).containsOnly("ua-acme");
        assertThat(list.json().get("users").findValuesAsString("role")).contains("admin", "viewer", "superadmin");
        assertThat(list.json().get("total").asLong()).isEqualTo(parley.users().count("ua-acme", null));
        assertThat(get("/api/v1/users/admin/profile/viewer-v/", admin).json().get("role").asString()).isEqualTo("viewer");
        assertThat(get("/api/v1/users/admin/profile/bob/", admin).status()).isEqualTo(404);
        assertThat(as("GET", "/api/v1/users/admin/profile/bob/", admin, "ua-other").status()).isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/users/admin/profile/1/", otherAdmin, null, null).status()).isEqualTo(404);
        assertThat(patch("/api/v1/users/admin/profile/viewer-v/", admin, "{\"role\":\"superadmin\"}").status()).isEqualTo(400);

        // a superadmin administers any tenant
        Reply bob = as("GET", "/api/v1/users/admin/profile/bob/", root, "ua-other");
        assertThat(bob.status()).as(bob.body()).isEqualTo(200);
        assertThat(bob.json().get("tenant_id").asString()).isEqualTo("ua-other");
        assertThat(as("GET", "/api/v1/users/tenant/users/", root, "ua-other").json().get("users").findValuesAsString("user_id"))
                .containsExactly("bob");
        assertThat(as("GET", "/api/v1/users/tenant/users/", root, "ua-nowhere").status()).isEqualTo(404);
        assertThat(get("/api/v1/admin/tenants", root).status()).isEqualTo(200);
        assertThat(get("/api/v1/admin/tenants", admin).status()).isEqualTo(403);

        // machines keep their API keys (their tenant's admin), which have no profile
        String key = keyFor("ua-other");
        assertThat(get("/api/v1/users/tenant/users/", key).json().get("users").findValuesAsString("user_id")).containsExactly("bob");
        assertThat(get("/api/v1/users/profile/", key).status()).isEqualTo(400);
    }

    @Test
    void logoutRevokesAndRefreshTokensAreGoodOnce() {
        JsonNode pair = login("ua-other", "bob");
        String access = pair.get("access_token").asString();
        assertThat(pair.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(pair.get("expires_in").asLong()).isEqualTo(900);
        Reply refreshed = postJson("/api/v1/auth/refresh/", null, "{\"refresh_token\":\"" + pair.get("refresh_token").asString() + "\"}");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(postJson("/api/v1/auth/refresh/", null, "{\"refresh_token\":\"" + pair.get("refresh_token").asString() + "\"}").status())
                .isEqualTo(401);
        String second = refreshed.json().get("access_token").asString();
        assertThat(get("/api/v1/users/profile/", second).status()).isEqualTo(200);

        assertThat(postJson("/api/v1/auth/logout/", access, "").status()).isEqualTo(204);
        Reply after = get("/api/v1/users/profile/", access);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("detail").asString()).contains("revoked");
        assertThat(get("/api/v1/users/profile/", second).status()).isEqualTo(200);
        assertThat(get("/api/v1/users/profile/", tampered(second)).status()).isEqualTo(401);
    }

    /**
     * The token with one character of its claims changed. (Changing the signature's last
     * characters can leave it valid: base64url's final character carries bits decoders ignore.)
     */
    private static String tampered(String token) {
        int at = token.indexOf('.') + 5;
        char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    @Test
    void aDeletedOrDemotedUserFeelsItAtTheNextRequest() {
        create("ua-acme", new Document("user_id", "temp").append("role", "admin"));
        String temp = token("ua-acme", "temp");
        String admin = token("ua-acme", "1");
        assertThat(get("/api/v1/users/tenant/users/", temp).status()).isEqualTo(200);
        assertThat(patch("/api/v1/users/admin/profile/temp/", admin, "{\"role\":\"viewer\"}").status()).isEqualTo(200);
        assertThat(get("/api/v1/users/tenant/users/", temp).status()).isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/users/admin/profile/temp/", admin, null, null).status()).isEqualTo(204);
        assertThat(get("/api/v1/users/profile/", temp).status()).isEqualTo(401);
        assertThat(get("/api/v1/users/tenant/users/", admin).json().get("users").findValuesAsString("user_id")).doesNotContain("temp");
    }

    @Test
    void overTheHourlyQuotaIs429WithRateLimitHeaders() {
        create("ua-acme", new Document("user_id", "busy").append("api_quota", new Document("api_calls_per_hour", 3)));
        String busy = token("ua-acme", "busy");
        for (int i = 0; i < 3; i++) {
            Reply ok = get("/api/v1/users/profile/", busy);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
        }
        Reply refused = get("/api/v1/users/profile/", busy);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isBetween(1L, 3600L);
        assertThat(get("/api/v1/users/profile/", token("ua-acme", "viewer-v")).status()).isEqualTo(200); // budgets are per user
    }

    @Test
    void logsPerDayIsChargedByIngest() {
        create("ua-acme", new Document("user_id", "writer").append("role", "admin").append("api_quota", new Document("logs_per_day", 3)));
        String writer = token("ua-acme", "writer");
        String two = "[" + message("q1") + "," + message("q2") + "]";
        assertThat(postJson("/api/v1/messages", writer, two).status()).isEqualTo(201);
        Reply refused = postJson("/api/v1/messages", writer, "[" + message("q3") + "," + message("q4") + "]");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("detail").asString()).contains("logs_per_day");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parley.tenant("ua-acme").messages().get("q3"))
                .isInstanceOf(dev.parley.NotFoundException.class);
        assertThat(postJson("/api/v1/messages", writer, message("q5")).status()).isEqualTo(201);
        Reply upload = send("POST", "/api/v1/imports?format=jsonl", writer, "application/x-ndjson", message("q6") + "\n");
        assertThat(upload.status()).isEqualTo(429);
    }

    private static String message(String id) {
        return "{\"message_id\":\"" + id + "\",\"conversation_id\":\"c-quota\",\"sender_id\":\"a\",\"recipient_id\":\"b\","
                + "\"content\":\"hello\",\"message_type\":\"text\",\"direction\":\"outbound\",\"status\":\"sent\"}";
    }

    @Test
    void badInputNamesTheField() {
        assertProblemNames(postJson("/api/v1/auth/login", null, "{\"tenant_id\":\"ua-acme\",\"user_id\":\"1\"}"), "password");
        assertProblemNames(postJson("/api/v1/auth/login", null, "{\"user_id\":\"1\",\"password\":\"x\"}"), "tenant_id");
        Reply wrong = postJson("/api/v1/auth/login", null, "{\"tenant_id\":\"ua-acme\",\"user_id\":\"1\",\"password\":\"nope-nope\"}");
        assertThat(wrong.status()).isEqualTo(401);
        String admin = token("ua-acme", "1");
        assertProblemNames(postJson("/api/v1/users/profile/create/", admin, "{\"user_id\":\"x\",\"role\":\"owner\"}"), "role");
        assertProblemNames(postJson("/api/v1/users/profile/create/", admin, "{\"role\":\"viewer\"}"), "user_id");
        assertProblemNames(patch("/api/v1/users/profile/", admin, "{\"preferences\":{\"theme\":\"pink\"}}"), "preferences.theme");
        assertProblemNames(patch("/api/v1/users/profile/", admin, "{\"preferences\":{\"timezone\":\"Mars/Base\"}}"), "preferences.timezone");
        assertProblemNames(get("/api/v1/users/tenant/users/?page=0", admin), "page");
        Reply created = postJson("/api/v1/users/profile/create/", admin, "{\"user_id\":\"new-one\",\"password\":\"long-enough-pw\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(postJson("/api/v1/users/profile/create/", admin, "{\"user_id\":\"new-one\"}").status()).isEqualTo(409);
        assertThat(postJson("/api/v1/auth/login", null, "{\"tenant_id\":\"ua-acme\",\"user_id\":\"new-one\",\"password\":\"long-enough-pw\"}")
                .status()).isEqualTo(200);
        assertThat(get("/api/v1/users/profile/", null).status()).isEqualTo(401);
    }
}
