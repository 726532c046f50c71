package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
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
        assertThat(patch("/api/v1/users/admin/profile/viewer-v/", admin, "{\"role\":\"superadmin\"}").status()).isEqualTo(403);

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
        Reply demoted = get("/api/v1/users/tenant/users/", temp);
        assertThat(demoted.status()).as("a role change ends the sessions issued before it").isEqualTo(401);
        assertThat(demoted.json().get("detail").asString()).contains("log in again");
        temp = token("ua-acme", "temp");
        assertThat(get("/api/v1/users/tenant/users/", temp).status()).isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/users/admin/profile/temp/", admin, null, null).status()).isEqualTo(204);
        assertThat(get("/api/v1/users/profile/", temp).status()).isEqualTo(401);
        assertThat(get("/api/v1/users/tenant/users/", admin).json().get("users").findValuesAsString("user_id")).doesNotContain("temp");
    }

    /**
     * Issue 18, critical: any API key of a tenant (its admin) could set a superadmin's password,
     * log in as them and reach every tenant. Nobody acts on a user above their own role.
     */
    @Test
    void aTenantAdminCannotTakeOverADemoteOrDeleteASuperadmin() {
        create("ua-acme", new Document("user_id", "ops-root").append("role", "superadmin"));
        String key = keyFor("ua-acme");
        String admin = token("ua-acme", "1");
        for (String credentials : List.of(key, admin)) {
            Reply reset = patch("/api/v1/users/admin/profile/ops-root/", credentials, "{\"password\":\"taken-over-password\"}");
            assertThat(reset.status()).as(reset.body()).isEqualTo(403);
            assertThat(reset.contentType()).startsWith("application/problem+json");
            assertThat(patch("/api/v1/users/admin/profile/ops-root/", credentials, "{\"role\":\"viewer\"}").status()).isEqualTo(403);
            assertThat(patch("/api/v1/users/admin/profile/ops-root/", credentials, "{\"api_quota\":{\"api_calls_per_hour\":1}}").status())
                    .isEqualTo(403);
            assertThat(send("DELETE", "/api/v1/users/admin/profile/ops-root/", credentials, null, null).status()).isEqualTo(403);
            assertThat(postJson("/api/v1/users/profile/create/", credentials,
                    "{\"user_id\":\"ops-2\",\"role\":\"superadmin\",\"password\":\"whatever-password\"}").status()).isEqualTo(403);
        }
        assertThat(postJson("/api/v1/auth/login", null,
                "{\"tenant_id\":\"ua-acme\",\"user_id\":\"ops-root\",\"password\":\"taken-over-password\"}").status()).isEqualTo(401);
        assertThat(parley.users().get("ua-acme", "ops-root").getString("role")).isEqualTo("superadmin");
        assertThat(parley.users().find("ua-acme", "ops-2")).isEmpty();
        assertThat(token("ua-acme", "ops-root")).as("the superadmin's own password still works").isNotBlank();
        // a superadmin may manage an admin of any tenant
        Reply demote = as("PATCH", "/api/v1/users/admin/profile/bob/", token("ua-acme", "root"), "ua-other");
        assertThat(demote.status()).isNotEqualTo(403);
    }

    /** Issue 18: a password reset left the old access token working and the old refresh token minting pairs. */
    @Test
    void aPasswordResetEndsEverySessionIssuedBeforeIt() {
        create("ua-acme", new Document("user_id", "reset-me").append("role", "viewer"));
        JsonNode before = login("ua-acme", "reset-me");
        String access = before.get("access_token").asString();
        String refresh = before.get("refresh_token").asString();
        assertThat(get("/api/v1/users/profile/", access).status()).isEqualTo(200);
        assertThat(patch("/api/v1/users/admin/profile/reset-me/", token("ua-acme", "1"), "{\"password\":\"a-whole-new-password\"}").status())
                .isEqualTo(200);
        Reply old = get("/api/v1/users/profile/", access);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.json().get("detail").asString()).contains("log in again");
        assertThat(postJson("/api/v1/auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}").status()).isEqualTo(401);
        Reply fresh = postJson("/api/v1/auth/login", null,
                "{\"tenant_id\":\"ua-acme\",\"user_id\":\"reset-me\",\"password\":\"a-whole-new-password\"}");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(get("/api/v1/users/profile/", fresh.json().get("access_token").asString()).status()).isEqualTo(200);

        // the operator's reset (CLI, library) ends them too, and so does deleting and creating the user again
        String current = fresh.json().get("access_token").asString();
        parley.users().setPassword("ua-acme", "reset-me", PASSWORD);
        assertThat(get("/api/v1/users/profile/", current).status()).as("within the session cache's life at most").isIn(200, 401);
        String beforeRecreate = token("ua-acme", "reset-me");
        parley.users().delete("ua-acme", "reset-me", dev.parley.users.Role.SUPERADMIN);
        create("ua-acme", new Document("user_id", "reset-me"));
        assertThat(get("/api/v1/users/profile/", beforeRecreate).status()).isEqualTo(401);
    }

    /** Issue 18: DELETE /api/v1/messages/{id} inherited viewer, and its audit entry named "parley", not the caller. */
    @Test
    void onlyAnAdminErasesAMessageAndTheAuditEntryNamesThem() {
        String key = keyFor("ua-acme");
        for (String id : List.of("erase-1", "erase-2")) {
            assertThat(postJson("/api/v1/messages", key, "{\"message_id\":\"" + id + "\",\"conversation_id\":\"c-erase\",\"direction\":\"inbound\","
                    + "\"content\":\"hello\"}").status()).isIn(200, 201);
        }
        String viewer = token("ua-acme", "viewer-v");
        Reply refused = send("DELETE", "/api/v1/messages/erase-1", viewer, null, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(get("/api/v1/messages/erase-1", key).status()).isEqualTo(200);

        assertThat(send("DELETE", "/api/v1/messages/erase-1", token("ua-acme", "1"), null, null).status()).isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/messages/erase-2", key, null, null).status()).isEqualTo(204);
        List<Document> entries = parley.tenant("ua-acme").audit().find(new Document("resource_type", "message"), null, null, null, 10);
        Document byUser = entries.stream().filter(e -> "erase-1".equals(e.get("resource_id"))).findFirst().orElseThrow();
        Document byKey = entries.stream().filter(e -> "erase-2".equals(e.get("resource_id"))).findFirst().orElseThrow();
        assertThat(byUser.get("user_id")).isEqualTo("1");
        assertThat(byUser.get("actor", Document.class)).containsEntry("type", "user").containsEntry("id", "1").containsEntry("tenant", "ua-acme");
        assertThat(byKey.get("user_id")).isEqualTo(key.substring(0, 8));
        assertThat(byKey.get("actor", Document.class)).containsEntry("type", "api_key").containsEntry("id", key.substring(0, 8));
        assertThat(key.length()).as("the prefix is not the key").isGreaterThan(30);
        // an entry posted through the API names its writer too, whoever its user_id says did it
        Reply posted = postJson("/api/v1/audit-logs", key, "{\"user_id\":\"someone\",\"action\":\"view\",\"resource_type\":\"report\"}");
        assertThat(posted.status()).as(posted.body()).isIn(200, 201);
        assertThat(postJson("/api/v1/audit-logs", key, "{\"user_id\":\"x\",\"action\":\"view\",\"resource_type\":\"r\","
                + "\"actor\":{\"type\":\"user\",\"id\":\"forged\"}}").status()).as("actor cannot be forged").isEqualTo(400);
        Document someone = parley.tenant("ua-acme").audit().find(new Document("user_id", "someone"), null, null, null, 1).get(0);
        assertThat(someone.get("actor", Document.class)).containsEntry("type", "api_key");
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
