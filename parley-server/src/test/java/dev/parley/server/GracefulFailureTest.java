package dev.parley.server;

import dev.parley.Parley;
import dev.parley.server.TestHttp.Reply;
import dev.parley.store.EmbeddedMongo;
import dev.parley.testing.LocalMachine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001's graceful failure: against an external (embedded, file-backed) MongoDB that the test
 * stops and restarts, the server keeps answering: unhealthy and 503 + Retry-After while MongoDB
 * is down, within the configured timeout, and recovers without a restart.
 */
@SpringBootTest(classes = ParleyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulFailureTest {

    private static final Path DATA = LocalMachine.tempDir("parley-outage");
    private static final int MONGO_PORT = LocalMachine.freePort();
    private static EmbeddedMongo mongo = EmbeddedMongo.standalone(DATA.resolve("outage.mv.db"), MONGO_PORT);

    @LocalServerPort
    int port;

    @Autowired
    Parley parley;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("MONGODB_URI", () -> "mongodb://127.0.0.1:" + MONGO_PORT + "/?retryWrites=false");
        registry.add("MONGODB_DATABASE", () -> "parley_outage");
        registry.add("MONGO_HOST", () -> "");
        registry.add("PARLEY_MONGO_SERVER_SELECTION_TIMEOUT_MS", () -> "1000");
        registry.add("PARLEY_MONGO_CONNECT_TIMEOUT_MS", () -> "1000");
        registry.add("parley.health.timeout-ms", () -> "1000");
        registry.add("parley.admin-key", () -> ServerTestSupport.ADMIN_KEY);
    }

    @AfterAll
    void stopMongo() {
        mongo.close();
    }

    @Test
    void answers503WhileMongoIsDownAndRecoversWithoutRestart() throws Exception {
        TestHttp http = new TestHttp(port);
        http.awaitStartupTasks();
        String key = parley.tenants().create("outage", null, null).apiKey();
        assertThat(http.postJson("/api/v1/collections/notes/documents", key, "{\"_id\":\"before\"}").status()).isEqualTo(201);
        assertThat(http.get("/health", null).status()).isEqualTo(200);

        mongo.close();

        Reply health = http.get("/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("status").asString()).isEqualTo("unhealthy");
        assertThat(health.json().get("mongodb").get("message").asString()).contains("MongoDB connection failed");
        assertThat(health.took()).isLessThan(Duration.ofSeconds(5));
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(503);
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);

        Reply read = http.get("/api/v1/collections/notes/documents", key);
        assertUnavailable(read);
        Reply write = http.postJson("/api/v1/collections/notes/documents", key, "{\"_id\":\"during\"}");
        assertUnavailable(write);
        Reply unknownKey = http.get("/api/v1/collections/notes/documents", "pk_unknown-key-while-down-000000");
        assertUnavailable(unknownKey);

        mongo = EmbeddedMongo.standalone(DATA.resolve("outage.mv.db"), MONGO_PORT);

        long deadline = System.currentTimeMillis() + 30_000;
        while (http.get("/health", null).status() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(http.get("/health", null).json().get("status").asString()).isEqualTo("healthy");
        Reply after = http.get("/api/v1/collections/notes/documents", key);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).contains("\"before\"");
        assertThat(http.postJson("/api/v1/collections/notes/documents", key, "{\"_id\":\"after\"}").status()).isEqualTo(201);
    }

    private static void assertUnavailable(Reply reply) {
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.header("Retry-After")).isNotBlank();
        assertThat(reply.took()).isLessThan(Duration.ofSeconds(5));
    }
}
