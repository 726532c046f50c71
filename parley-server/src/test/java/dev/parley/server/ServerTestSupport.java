package dev.parley.server;

import dev.parley.Parley;
import dev.parley.StoreAccess;
import dev.parley.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import dev.parley.server.TestHttp.Reply;

/**
 * The whole server on a random port, over real HTTP, on the test store ({@link TestStores}: H2 files
 * in a directory of their own by default, in memory with PARLEY_TEST_BACKEND=memory, or
 * PARLEY_TEST_MONGODB_URI with a database of its own that is dropped after the class).
 */
@SpringBootTest(classes = ParleyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerTestSupport {

    public static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
    public static final String BOOTSTRAP_KEY = "bootstrap-key-for-tests-0123456789";

    @LocalServerPort
    protected int port;

    @Autowired
    protected Parley parley;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.settings("server").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("parley.admin-key", () -> ADMIN_KEY); // PARLEY_ADMIN_KEY (see SettingsFromEnvironmentTest)
        // a class that needs larger bodies sets parley.test.max-body-bytes in a @DynamicPropertySource of its own
        registry.add("parley.max-body-bytes", () -> "${parley.test.max-body-bytes:65536}");
        registry.add("parley.bootstrap-key", () -> BOOTSTRAP_KEY);
        registry.add("parley.rate-limit-login", () -> "10000/1m"); // test classes log in from one address
    }

    /** Superclass first: every test class's own set-up runs on a server whose start-up tasks are done. */
    @BeforeAll
    void awaitStartupTasks() {
        http().awaitStartupTasks();
    }

    @AfterAll
    void dropDatabase() {
        StoreAccess.of(parley).dropDatabase();
    }

    /** A tenant with a fresh key. */
    protected String keyFor(String tenant) {
        if (parley.tenants().find(tenant).isPresent()) {
            return parley.tenants().rotateKey(tenant, false).apiKey();
        }
        return parley.tenants().create(tenant, null, null).apiKey();
    }

    protected Reply get(String path, String key) {
        return http().get(path, key);
    }

    /** A 400 RFC 9457 problem that names {@code field}. */
    protected static void assertProblemNames(Reply reply, String field) {
        org.assertj.core.api.Assertions.assertThat(reply.status()).isEqualTo(400);
        org.assertj.core.api.Assertions.assertThat(reply.contentType()).startsWith("application/problem+json");
        org.assertj.core.api.Assertions.assertThat(reply.json().get("field").asString()).isEqualTo(field);
    }

    protected Reply send(String method, String path, String key, String contentType, String body) {
        return http().send(method, path, key, contentType, body);
    }

    protected Reply postJson(String path, String key, String body) {
        return http().postJson(path, key, body);
    }

    protected static String query(String name, String value) {
        return TestHttp.query(name, value);
    }

    private TestHttp http() {
        return new TestHttp(port);
    }
}
