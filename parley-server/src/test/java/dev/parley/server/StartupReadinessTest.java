package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import dev.parley.store.EmbeddedMongo;
import dev.parley.testing.LocalMachine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23: /health answered before the bootstrap key was accepted. Parley starts while its MongoDB
 * is not there yet; readiness and /health stay DOWN (503) until the start-up tasks are done, and
 * the first moment readiness says UP, the bootstrap key is accepted.
 */
@SpringBootTest(classes = ParleyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupReadinessTest {

    private static final Path DATA = LocalMachine.tempDir("parley-readiness");
    private static final int MONGO_PORT = LocalMachine.freePort();
    private static final String KEY = "bootstrap-key-readiness-0123456789";
    private static EmbeddedMongo mongo;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("MONGODB_URI", () -> "mongodb://127.0.0.1:" + MONGO_PORT + "/?retryWrites=false");
        registry.add("MONGODB_DATABASE", () -> "parley_readiness");
        registry.add("MONGO_HOST", () -> "");
        registry.add("PARLEY_DATA_DIR", DATA::toString);
        registry.add("PARLEY_MONGO_SERVER_SELECTION_TIMEOUT_MS", () -> "500");
        registry.add("PARLEY_MONGO_CONNECT_TIMEOUT_MS", () -> "500");
        registry.add("parley.health.timeout-ms", () -> "500");
        registry.add("parley.bootstrap-key", () -> KEY);
    }

    @AfterAll
    void stopMongo() {
        if (mongo != null) {
            mongo.close();
        }
    }

    @Test
    void notReadyUntilTheBootstrapKeyIsAccepted() throws Exception {
        TestHttp http = new TestHttp(port);
        Reply health = http.get("/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("startup").get("status").asString()).isEqualTo("running");
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(503);
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);

        Thread.sleep(2_000); // the start-up tasks back off while MongoDB is away
        mongo = EmbeddedMongo.standalone(DATA.resolve("late.mv.db"), MONGO_PORT);

        int notYet = 0;
        long deadline = System.currentTimeMillis() + 60_000;
        while (http.get("/actuator/health/readiness", null).status() != 200) {
            assertThat(System.currentTimeMillis()).as("readiness within 60 s").isLessThan(deadline);
            Reply starting = http.get("/health", null);
            if (starting.json().get("mongodb").get("connected").asBoolean()
                    && starting.json().get("startup").get("status").asString().equals("running")) {
                // MongoDB answers, but the tasks have not run: not ready, and /health says why
                assertThat(starting.status()).isEqualTo(503);
                assertThat(starting.json().get("status").asString()).isEqualTo("starting");
                notYet++;
            }
            Thread.sleep(10);
        }
        Reply first = http.get("/api/v1/stats", KEY);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("organization_id").asString()).isEqualTo("demo");
        Reply ready = http.get("/health", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asString()).isEqualTo("healthy");
        assertThat(ready.json().get("startup").get("status").asString()).isEqualTo("done");
        System.out.printf("readiness: %d polls saw MongoDB up and Parley still starting%n", notYet);
    }
}
