package dev.parley.server;

import dev.parley.Parley;
import dev.parley.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The whole server on a random port, over real HTTP, on the test store (embedded in-memory, or
 * PARLEY_TEST_MONGODB_URI with a database of its own that is dropped after the class).
 */
@SpringBootTest(classes = ParleyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerTestSupport {

    public static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Parley parley;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.settings("server").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("PARLEY_ADMIN_KEY", () -> ADMIN_KEY);
        registry.add("PARLEY_MAX_BODY_BYTES", () -> "65536");
    }

    @AfterAll
    void dropDatabase() {
        parley.store().dropDatabase();
    }

    /** A tenant with a fresh key. */
    protected String keyFor(String tenant) {
        if (parley.tenants().find(tenant).isPresent()) {
            return parley.tenants().rotateKey(tenant, false).apiKey();
        }
        return parley.tenants().create(tenant, null, null).apiKey();
    }

    protected Reply get(String path, String key) {
        return send("GET", path, key, null, null);
    }

    protected Reply send(String method, String path, String key, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response, Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            throw new AssertionError("request failed: " + method + " " + path, e);
        }
    }

    protected Reply postJson(String path, String key, String body) {
        return send("POST", path, key, "application/json", body);
    }

    protected static String query(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public record Reply(HttpResponse<String> response, Duration took) {

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public JsonNode json() {
            return JSON.readTree(response.body());
        }

        public String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }
}
