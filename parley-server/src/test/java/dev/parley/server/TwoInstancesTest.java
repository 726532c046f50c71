package dev.parley.server;

import dev.parley.Parley;
import dev.parley.StoreAccess;
import dev.parley.platform.Platform;
import dev.parley.store.EmbeddedMongo;
import dev.parley.testing.LockContention;
import dev.parley.testing.RedisTestServer;
import dev.parley.testing.TestStores;
import dev.parley.server.TestHttp.Reply;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Parley servers sharing one MongoDB and one real Redis, as a deployment with several
 * instances runs: a logout on one is honoured by the other, they spend one rate-limit budget, and
 * their locks exclude each other with rising fencing tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    private static final String PASSWORD = "correct horse battery";

    private RedisTestServer redis;
    private EmbeddedMongo mongo;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private TestHttp httpA;
    private TestHttp httpB;
    /** Logged in once, up front: the login routes' budget per address (6 a minute here) is itself under test. */
    private String mayaToLogOut;
    private String maya;
    private String temp;
    private String busy;
    private String toReset;

    @BeforeAll
    void start() {
        redis = RedisTestServer.start();
        Map<String, String> settings = new java.util.HashMap<>(TestStores.settings("two-instances"));
        if (TestStores.externalUri() == null) { // one store for both: an embedded server of its own
            mongo = EmbeddedMongo.standalone(null, 0);
            settings.put("MONGODB_URI", mongo.connectionString());
            settings.remove("PARLEY_EMBEDDED");
        }
        settings.put("REDIS_URL", redis.url());
        settings.put("PARLEY_RATE_LIMIT_LOGIN", "6/1m");
        settings.put("PARLEY_RETENTION_SWEEP_MINUTES", "0");
        a = ServerInstances.start(settings);
        b = ServerInstances.start(settings);
        httpA = new TestHttp(ServerInstances.port(a));
        httpB = new TestHttp(ServerInstances.port(b));
        Parley parley = a.getBean(Parley.class);
        parley.tenants().create("two-acme", null, "UTC");
        parley.users().create("two-acme", new Document("user_id", "maya").append("role", "admin").append("password", PASSWORD), "UTC");
        parley.users().create("two-acme", new Document("user_id", "busy").append("password", PASSWORD)
                .append("api_quota", new Document("api_calls_per_hour", 4)), "UTC");
        parley.users().create("two-acme", new Document("user_id", "temp").append("role", "admin").append("password", PASSWORD), "UTC");
        mayaToLogOut = login(httpA, "maya");
        maya = login(httpB, "maya");
        temp = login(httpB, "temp");
        busy = login(httpA, "busy");
        parley.users().create("two-acme", new Document("user_id", "reset").append("password", PASSWORD), "UTC");
        toReset = login(httpA, "reset");
    }

    @AfterAll
    void stop() {
        if (a != null) {
            StoreAccess.of(a.getBean(Parley.class)).dropDatabase();
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static String login(TestHttp http, String userId) {
        Reply reply = http.postJson("/api/v1/auth/login", null, "{\"tenant_id\":\"two-acme\",\"user_id\":\"" + userId + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asString();
    }

    @Test
    void bothReportRedisHealthy() {
        for (TestHttp http : List.of(httpA, httpB)) {
            Reply health = http.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("redis").get("status").asString()).isEqualTo("healthy");
            assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aLogoutOnOneIsHonouredByTheOther() {
        String token = mayaToLogOut;
        assertThat(httpB.get("/api/v1/users/profile/", token).status()).isEqualTo(200);
        assertThat(httpA.postJson("/api/v1/auth/logout", token, "").status()).isEqualTo(204);
        Reply onB = httpB.get("/api/v1/users/profile/", token);
        assertThat(onB.status()).isEqualTo(401);
        assertThat(onB.json().get("detail").asString()).contains("revoked");
    }

    @Test
    void aRoleChangedOnOneAppliesOnTheOther() {
        assertThat(httpB.get("/api/v1/users/tenant/users/", temp).status()).isEqualTo(200);
        assertThat(httpA.send("PATCH", "/api/v1/users/admin/profile/temp/", maya, "application/json", "{\"role\":\"viewer\"}").status())
                .isEqualTo(200);
        assertThat(httpB.get("/api/v1/users/tenant/users/", temp).status()).as("the role change ended temp's sessions").isEqualTo(401);
    }

    @Test
    void aPasswordResetOnOneEndsTheSessionOnTheOther() {
        String token = toReset;
        assertThat(httpB.get("/api/v1/users/profile/", token).status()).isEqualTo(200);
        Reply reset = httpA.send("PATCH", "/api/v1/users/admin/profile/reset/", maya, "application/json", "{\"password\":\"brand-new-password\"}");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(httpB.get("/api/v1/users/profile/", token).status()).isEqualTo(401);
        assertThat(httpA.get("/api/v1/users/profile/", token).status()).isEqualTo(401);
    }

    @Test
    void theRateLimitBudgetIsShared() {
        String token = busy;
        assertThat(httpA.get("/api/v1/users/profile/", token).status()).isEqualTo(200);
        assertThat(httpB.get("/api/v1/users/profile/", token).status()).isEqualTo(200);
        assertThat(httpA.get("/api/v1/users/profile/", token).status()).isEqualTo(200);
        Reply last = httpB.get("/api/v1/users/profile/", token);
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
        Reply refused = httpA.get("/api/v1/users/profile/", token);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(httpB.get("/api/v1/users/profile/", token).status()).isEqualTo(429);
    }

    @Test
    void loginAttemptsPerAddressAreCountedAcrossInstances() {
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            TestHttp http = i % 2 == 0 ? httpA : httpB;
            int status = http.postJson("/api/v1/auth/login", null,
                    "{\"tenant_id\":\"two-acme\",\"user_id\":\"nobody-" + i + "\",\"password\":\"wrong-password\"}").status();
            if (status == 429) {
                refused++;
            } else {
                answered++;
            }
        }
        // 6 per minute per address, shared; other tests of this class logged in from the same address too
        assertThat(answered).isLessThanOrEqualTo(6);
        assertThat(refused).isGreaterThanOrEqualTo(2);
    }

    @Test
    void lockContendersOnBothNeverHoldItTogetherAndTokensRise() throws Exception {
        LockContention.Outcome outcome = LockContention.run(List.of(a.getBean(Platform.class).locks(), b.getBean(Platform.class).locks()),
                "two-instances-job", 4, 15);
        assertThat(outcome.overlaps()).isZero();
        assertThat(outcome.tokens()).hasSize(60).isSorted().doesNotHaveDuplicates();
    }
}
