package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure is RFC 9457 problem+json with a useful status. */
class ErrorResponsesTest extends ServerTestSupport {

    private static final String NOTES = "/api/v1/collections/notes/documents";

    @Test
    void noKeyIs401() {
        Reply reply = get(NOTES, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void unknownKeyIs401AndXApiKeyWorks() {
        assertThat(get(NOTES, "pk_" + "A".repeat(43)).status()).isEqualTo(401);

        String key = keyFor("header-check");
        var reply = send("GET", NOTES, null, null, null);
        assertThat(reply.status()).isEqualTo(401);
        var viaHeader = sendWithApiKeyHeader(key);
        assertThat(viaHeader).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotJsonIs400() {
        Reply reply = postJson(NOTES, keyFor("errors"), "this is not json");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("field").asString()).isEqualTo("body");
        assertThat(reply.json().get("errors").get(0).get("reason").asString()).isNotBlank();
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        String key = keyFor("errors");
        Reply missing = get("/api/v1/no-such-route", key);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        // issue 23: the answer names the request that missed and where the routes are, not Spring's "No static resource"
        assertThat(missing.json().get("detail").asString()).startsWith("no route GET /api/v1/no-such-route").contains("/v3/api-docs")
                .doesNotContain("static resource");
        assertThat(missing.json().get("instance").asString()).isEqualTo("/api/v1/no-such-route");
        assertThat(missing.json().get("type").asString()).endsWith("/no-route");
        Reply root = send("POST", "/api/v1/", key, "application/json", "{}");
        assertThat(root.status()).isEqualTo(404);
        assertThat(root.json().get("detail").asString()).startsWith("no route POST /api/v1/");

        Reply wrongMethod = send("PUT", NOTES, key, "application/json", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "{\"blob\":\"" + "x".repeat(70_000) + "\"}";
        Reply reply = postJson(NOTES, keyFor("errors"), big);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void adminRoutesNeedTheAdminKey() {
        assertThat(get("/api/v1/admin/tenants", null).status()).isEqualTo(401);
        assertThat(get("/api/v1/admin/tenants", keyFor("errors")).status()).isEqualTo(403);
        assertThat(get("/mongodb-test", keyFor("errors")).status()).isEqualTo(403);
        assertThat(get("/api/v1/admin/tenants", ADMIN_KEY).status()).isEqualTo(200);
    }

    private int sendWithApiKeyHeader(String key) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + NOTES))
                    .header("X-API-Key", key).GET().build();
            return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
