package dev.parley.server;

import dev.parley.Parley;
import dev.parley.StoreAccess;
import dev.parley.server.TestHttp.Reply;
import dev.parley.testing.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A configured Redis that does not answer: health and readiness say so, rate limits fail open (as
 * configured by default), machines with API keys carry on, and a user's token, whose revocation
 * cannot be checked, gets 503 rather than being let through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDownTest {

    private ConfigurableApplicationContext app;
    private TestHttp http;

    @BeforeAll
    void start() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, String> settings = new HashMap<>(TestStores.settings("redis-down"));
        settings.put("REDIS_URL", "redis://127.0.0.1:" + closed);
        settings.put("PARLEY_RETENTION_SWEEP_MINUTES", "0");
        app = ServerInstances.start(settings);
        http = new TestHttp(ServerInstances.port(app));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            StoreAccess.of(app.getBean(Parley.class)).dropDatabase();
            app.close();
        }
    }

    @Test
    void healthAndReadinessSayRedisIsDown() {
        Reply health = http.get("/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("redis").get("status").asString()).isEqualTo("unhealthy");
        assertThat(health.json().get("mongodb").get("status").asString()).isEqualTo("healthy");
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(503);
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    }

    @Test
    void machinesCarryOnAndUsersAreRefusedWith503NotLetThrough() {
        Parley parley = app.getBean(Parley.class);
        String key = parley.tenants().create("rd-acme", null, null).apiKey();
        assertThat(http.get("/api/v1/conversations", key).status()).isEqualTo(200);
        parley.users().create("rd-acme", new Document("user_id", "maya").append("password", "correct horse battery"), "UTC");
        Reply login = http.postJson("/api/v1/auth/login", null,
                "{\"tenant_id\":\"rd-acme\",\"user_id\":\"maya\",\"password\":\"correct horse battery\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        Reply profile = http.get("/api/v1/users/profile/", login.json().get("access_token").asString());
        assertThat(profile.status()).isEqualTo(503);
        assertThat(profile.header("Retry-After")).isNotNull();
        assertThat(profile.contentType()).startsWith("application/problem+json");
    }
}
