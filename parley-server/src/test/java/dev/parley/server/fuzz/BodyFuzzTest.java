package dev.parley.server.fuzz;

import dev.parley.TenantScope;
import dev.parley.analytics.Rollups;
import dev.parley.server.ServerTestSupport;
import dev.parley.server.auth.RouteRoles;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outside probe as a suite (issue 18): malformed and random bodies to every route Spring maps
 * that takes a body (found at run time, so a new route is fuzzed without anyone listing it) and to
 * both webhooks, signed where a valid shape needs it. No answer may be a 5xx; every 4xx is
 * problem+json naming no Java internals; a refused request to a tenant's route stores nothing;
 * the server is healthy after. A fixed seed and a budget of tries and seconds keep CI quick;
 * {@code -Dparley.fuzz.tries=100000 -Dparley.fuzz.seconds=3600 -Dparley.fuzz.seed=7} runs longer.
 */
class BodyFuzzTest extends ServerTestSupport {

    private static final long SEED = Long.getLong("parley.fuzz.seed", 18L);
    private static final int TRIES = Integer.getInteger("parley.fuzz.tries", 1_500);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("parley.fuzz.seconds", 45L));
    private static final List<String> INTERNALS = List.of("dev.parley", "java.", "javax.", "jakarta.", "Exception", "ResponseEntity",
            "org.springframework", "org.bson", "org.apache", "com.mongodb", "tools.jackson", "\tat ");
    private static final String TENANT = "fuzz";
    private static final String IMPORT_TENANT = "fuzz-imports";
    private static final String PHONE = "fuzz-phone-1";
    private static final String APP_SECRET = "fuzz-app-secret";
    private static final String TWILIO_SID = "ACfuzz0000";
    private static final String TWILIO_TOKEN = "fuzz-twilio-token";
    private static final String USER = "fuzz-admin";
    private static final String PASSWORD = "fuzz password 123";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Valid bodies of the routes known today; a route added later is fuzzed from {@code {}}. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("/api/v1/auth/login", "{\"tenant_id\":\"fuzz\",\"user_id\":\"fuzz-admin\",\"password\":\"fuzz password 123\"}"),
            Map.entry("/api/v1/auth/refresh", "{\"refresh_token\":\"not-a-token\"}"),
            Map.entry("/api/v1/auth/logout", "{\"refresh_token\":\"not-a-token\"}"),
            Map.entry("/api/v1/users/profile", "{\"preferences\":{\"theme\":\"light\"}}"),
            Map.entry("/api/v1/users/profile/create", "{\"user_id\":\"u-1\",\"password\":\"long-enough-pw\",\"role\":\"viewer\"}"),
            Map.entry("/api/v1/users/admin/profile/{userId}", "{\"role\":\"viewer\",\"preferences\":{\"theme\":\"dark\"}}"),
            Map.entry("/api/v1/retention", "{\"days\":{\"messages\":3650},\"legal_hold\":{\"conversations\":[\"c-1\"],\"reason\":\"case\"}}"),
            Map.entry("/api/v1/audit-logs", "[{\"user_id\":\"u\",\"action\":\"update\",\"resource_type\":\"note\",\"resource_id\":\"1\","
                    + "\"changes\":{\"before\":{\"a\":1},\"after\":{\"a\":2}}}]"),
            Map.entry("/api/v1/events", "{\"event_type\":\"created\",\"aggregate_type\":\"order\",\"aggregate_id\":\"o-1\",\"event_data\":{\"total\":5}}"),
            Map.entry("/api/v1/campaigns/{campaignId}/executions", "{\"user_id\":\"u\",\"contacts_count\":5,\"ip_address\":\"192.0.2.1\"}"),
            Map.entry("/api/v1/conversations/{conversationId}/close", "{\"user_id\":\"u\",\"reason\":\"resolved\"}"),
            Map.entry("/api/v1/conversations", "{\"conversation_id\":\"c-new\",\"agent_id\":\"a\",\"channel\":\"whatsapp\","
                    + "\"tags\":[\"vip\"],\"metadata\":{\"custom_fields\":{\"order\":\"45\"}}}"),
            Map.entry("/api/v1/conversations/{conversationId}", "{\"status\":\"active\",\"metadata\":{\"custom_fields\":{\"k\":\"v\"}}}"),
            Map.entry("/api/v1/messages", "[{\"message_id\":\"m-1\",\"conversation_id\":\"c-1\",\"sender_id\":\"s\",\"content\":\"hello\","
                    + "\"status\":\"sent\",\"metadata\":{\"k\":\"v\"}}]"),
            Map.entry("/api/v1/messages/{messageId}/statuses", "{\"status\":\"delivered\",\"timestamp\":1767106885,\"execution_id\":\"e\"}"),
            Map.entry("/api/v1/statuses", "{\"statuses\":[{\"message_id\":\"m-1\",\"status\":\"read\",\"timestamp\":1767106892}]}"),
            Map.entry("/api/v1/channels/whatsapp/{phoneNumberId}", "{\"app_secret\":\"s\",\"verify_token\":\"t\"}"),
            Map.entry("/api/v1/channels/twilio/{accountSid}", "{\"auth_token\":\"t\"}"),
            Map.entry("/api/v1/collections/{collection}/documents", "[{\"_id\":\"n-1\",\"title\":\"x\",\"n\":1,\"at\":{\"$date\":\"2026-01-27T10:30:00Z\"}}]"),
            Map.entry("/api/v1/metrics", "[{\"metric_type\":\"messages_sent\",\"value\":1,\"tags\":{\"channel\":\"whatsapp\"}}]"),
            Map.entry("/api/v1/admin/tenants", "{\"organization_id\":\"fuzz-new\",\"name\":\"Fuzz\",\"timezone\":\"UTC\"}"),
            Map.entry("/api/v1/imports", "[{\"conversation_id\":\"c-imp\",\"content\":\"imported\",\"sender_id\":\"s\"}]"),
            Map.entry("/webhooks/twilio", "MessageSid=SMfuzz&MessageStatus=delivered&AccountSid=" + TWILIO_SID + "&To=%2B15550100"));
    /** What a DELETE with a body sends when valid. */
    private static final Map<String, String> DELETE_SAMPLES = Map.of(
            "/api/v1/collections/{collection}/documents", "{\"filter\":{\"n\":{\"$gt\":1000}}}");
    private static final Map<String, String> PATCH_SAMPLES = Map.of(
            "/api/v1/collections/{collection}/documents", "{\"filter\":{\"n\":1},\"update\":{\"$set\":{\"title\":\"y\"}}}");
    /** Query strings a route needs to reach its body reader. */
    private static final Map<String, String> QUERIES = Map.of("/api/v1/imports", "?format=json&conversation_id=c-imp");

    @Autowired
    private ApplicationContext context;

    private String tenantKey;
    private String importKey;
    private byte[] whatsAppSample;

    /** Room for 100,000-deep nesting (200 KB) and long strings: they must reach the parsers, not the size limit. */
    @DynamicPropertySource
    static void largerBodies(DynamicPropertyRegistry registry) {
        registry.add("parley.test.max-body-bytes", () -> "1048576");
    }

    private enum Credential { NONE, TENANT_KEY, IMPORT_KEY, ADMIN_KEY, USER_TOKEN }

    private record Route(String method, String pattern, String path, Credential credential, Object sample, boolean form) {

        String name() {
            return method + " " + pattern;
        }
    }

    @BeforeAll
    void tenant() throws IOException {
        tenantKey = keyFor(TENANT);
        importKey = keyFor(IMPORT_TENANT);
        parley.users().create(TENANT, new Document("user_id", USER).append("role", "admin").append("password", PASSWORD), "UTC");
        assertThat(send("PUT", "/api/v1/channels/whatsapp/" + PHONE, tenantKey, "application/json",
                "{\"app_secret\":\"" + APP_SECRET + "\",\"verify_token\":\"fuzz-verify\"}").status()).isEqualTo(200);
        assertThat(send("PUT", "/api/v1/channels/twilio/" + TWILIO_SID, tenantKey, "application/json",
                "{\"auth_token\":\"" + TWILIO_TOKEN + "\"}").status()).isEqualTo(200);
        assertThat(postJson("/api/v1/conversations", tenantKey, "{\"conversation_id\":\"fuzz-conversationId\",\"agent_id\":\"a\",\"channel\":\"whatsapp\"}")
                .status()).isEqualTo(201);
        try (InputStream in = getClass().getResourceAsStream("/whatsapp/statuses.json")) {
            whatsAppSample = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\"phone_number_id\"\\s*:\\s*\"[^\"]*\"",
                    "\"phone_number_id\": \"" + PHONE + "\"").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyBodyRouteAnswersBadInputWithProblemsNever5xxAndStoresNothingItRefused() {
        List<Route> routes = bodyRoutes();
        assertThat(routes).extracting(Route::name).contains("POST /api/v1/auth/login", "POST /webhooks/whatsapp", "POST /webhooks/twilio",
                "POST /api/v1/collections/{collection}/documents", "PATCH /api/v1/conversations/{conversationId}", "POST /api/v1/imports");
        FuzzBodies bodies = new FuzzBodies(SEED);
        TenantScope counted = parley.tenant(TENANT);
        Map<String, Map<Integer, Integer>> byRoute = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int sent = 0;
        while (sent < TRIES && System.nanoTime() < deadline) {
            Route route = routes.get(sent % routes.size());
            FuzzBodies.Body body = bodies.next(route.sample(), route.form());
            boolean checkWrites = route.credential() == Credential.TENANT_KEY;
            Map<String, Long> before = checkWrites ? documents(counted) : Map.of();
            HttpResponse<String> answer = send(route, body, bodies);
            sent++;
            int status = answer.statusCode();
            statuses.merge(status, 1, Integer::sum);
            byRoute.computeIfAbsent(route.name(), r -> new TreeMap<>()).merge(status, 1, Integer::sum);
            byKind.merge(body.kind(), 1, Integer::sum);
            String problem = judge(answer, checkWrites && status >= 400 && status < 500 ? changed(before, documents(counted)) : Map.of());
            if (problem != null && failures.size() < 50) {
                failures.add(route.name() + " [" + body.kind() + ", " + body.bytes().length + " bytes, " + body.contentType() + "] -> "
                        + status + ": " + problem + " | " + abbreviate(answer.body()));
            }
        }
        report(sent, routes.size(), byRoute, byKind, statuses);
        assertThat(failures).as("answers that broke a rule").isEmpty();
        assertThat(sent).as("requests sent").isGreaterThanOrEqualTo(Math.min(TRIES, routes.size() * 10));
        assertHealthy();
    }

    /** Null when the answer keeps every rule, else what it broke. */
    private static String judge(HttpResponse<String> answer, Map<String, Long> written) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "a server error";
        }
        String body = answer.body() == null ? "" : answer.body();
        for (String internal : INTERNALS) {
            if (body.contains(internal)) {
                return "names " + internal;
            }
        }
        if (status >= 400) {
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return "a " + status + " as " + type + ", not application/problem+json";
            }
            if (status == 400 && !(body.contains("\"field\"") && body.contains("\"reason\""))) {
                return "a 400 without field and reason";
            }
            if (!written.isEmpty()) {
                return "refused, yet the tenant's documents changed: " + written;
            }
        }
        return null;
    }

    /** The tenant's documents per collection. */
    private static Map<String, Long> documents(TenantScope tenant) {
        Map<String, Long> byCollection = new TreeMap<>();
        for (Document row : tenant.documentCounts().getList("collections", Document.class)) {
            byCollection.put(row.getString("collection"), row.get("documents", Number.class).longValue());
        }
        return byCollection;
    }

    /** Collections other requests write in the background (rollups of earlier messages, within a second). */
    private static final Set<String> WRITTEN_LATER = Set.of(Rollups.ROLLUPS, Rollups.SERIES);

    private static Map<String, Long> changed(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> changed = new TreeMap<>();
        Set<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        names.removeAll(WRITTEN_LATER);
        for (String name : names) {
            long difference = after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L);
            if (difference != 0) {
                changed.put(name, difference);
            }
        }
        return changed;
    }

    private void assertHealthy() {
        HttpResponse<String> health = exchange(HttpRequest.newBuilder(uri("/health")).GET(), null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"healthy\"");
        assertThat(get("/api/v1/conversations/fuzz-conversationId", tenantKey).status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ the routes

    /** Every mapped route that reads a body: POST, PUT and PATCH, and any method with a @RequestBody. */
    private List<Route> bodyRoutes() {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            boolean takesBody = List.of(handler.getMethodParameters()).stream().anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
            String pattern = info.getPatternValues().stream().filter(p -> !p.endsWith("/") || p.equals("/")).findFirst()
                    .orElse(info.getPatternValues().iterator().next());
            for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.POST) : methods) {
                boolean bodyMethod = method == RequestMethod.POST || method == RequestMethod.PUT || method == RequestMethod.PATCH;
                if (bodyMethod || takesBody && method != RequestMethod.GET) {
                    routes.add(route(method.name(), pattern, handler));
                }
            }
        }
        routes.sort(java.util.Comparator.comparing(Route::name));
        return routes;
    }

    private Route route(String method, String pattern, HandlerMethod handler) {
        Credential credential = RouteRoles.isPublic(handler) ? Credential.NONE
                : pattern.startsWith("/api/v1/admin/") || pattern.equals("/mongodb-test") ? Credential.ADMIN_KEY
                : pattern.equals("/api/v1/imports") ? Credential.IMPORT_KEY : Credential.TENANT_KEY;
        String sample = method.equals("DELETE") ? DELETE_SAMPLES.get(pattern) : method.equals("PATCH") && PATCH_SAMPLES.containsKey(pattern)
                ? PATCH_SAMPLES.get(pattern) : SAMPLES.get(pattern);
        if (pattern.equals("/webhooks/whatsapp")) {
            sample = new String(whatsAppSample, StandardCharsets.UTF_8);
        }
        boolean form = pattern.equals("/webhooks/twilio");
        Object parsed = form ? sample : sample == null ? new LinkedHashMap<>() : JSON.readValue(sample, Object.class);
        String path = pattern.replaceAll("\\{([^}]+)}", "fuzz-$1") + QUERIES.getOrDefault(pattern, "");
        Route route = new Route(method, pattern, path, credential, parsed, form);
        return credential == Credential.TENANT_KEY && refusesApiKeys(route)
                ? new Route(method, pattern, path, Credential.USER_TOKEN, parsed, form) : route;
    }

    /** Routes about the signed-in user (their profile, logout) refuse API keys before reading the body. */
    private boolean refusesApiKeys(Route route) {
        HttpResponse<String> answer = exchange(HttpRequest.newBuilder(uri(route.path())).header("Authorization", "Bearer " + tenantKey)
                .header("Content-Type", "application/json").method(route.method(),
                        HttpRequest.BodyPublishers.ofString(FuzzBodies.write(route.sample()))), route.name());
        return answer.statusCode() == 403 || answer.statusCode() == 400 && answer.body().contains("\"field\":\"Authorization\"");
    }

    // ------------------------------------------------------------------ sending

    private HttpResponse<String> send(Route route, FuzzBodies.Body body, FuzzBodies bodies) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(route.path())).timeout(Duration.ofSeconds(60))
                .method(route.method(), HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (body.contentType() != null) {
            request.header("Content-Type", body.contentType());
        }
        if (bodies.random().nextInt(10) == 0) {
            request.header("Accept", new String[] {"text/html", "application/xml", "image/png", "*/*", "application/json;q=0"}
                    [bodies.random().nextInt(5)]);
        }
        switch (route.credential()) {
            case TENANT_KEY -> request.header("Authorization", "Bearer " + tenantKey);
            case IMPORT_KEY -> request.header("Authorization", "Bearer " + importKey);
            case ADMIN_KEY -> request.header("Authorization", "Bearer " + ADMIN_KEY);
            case USER_TOKEN -> request.header("Authorization", "Bearer " + userToken()); // logout revokes it: a fresh one each time
            case NONE -> sign(route, body, request, bodies.random().nextBoolean());
        }
        return exchange(request, route.name());
    }

    /** Webhook bodies are signed half the time, as their provider would, so they get past the signature check. */
    private void sign(Route route, FuzzBodies.Body body, HttpRequest.Builder request, boolean signed) {
        if (!signed) {
            return;
        }
        if (route.pattern().equals("/webhooks/whatsapp")) {
            request.header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", APP_SECRET, body.bytes())));
        } else if (route.pattern().equals("/webhooks/twilio")) {
            StringBuilder data = new StringBuilder(uri(route.path()).toString());
            new TreeMap<>(formParameters(new String(body.bytes(), StandardCharsets.UTF_8))).forEach((k, v) -> data.append(k).append(v));
            request.header("X-Twilio-Signature", Base64.getEncoder().encodeToString(hmac("HmacSHA1", TWILIO_TOKEN,
                    data.toString().getBytes(StandardCharsets.UTF_8))));
        }
    }

    private static Map<String, String> formParameters(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        try {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                if (!pair.isEmpty()) {
                    params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            return Map.of(); // a bad escape: sent with a signature that cannot match
        }
        return params;
    }

    private String userToken() {
        HttpResponse<String> login = exchange(HttpRequest.newBuilder(uri("/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SAMPLES.get("/api/v1/auth/login"))), "login");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, String what) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("no answer from " + what + ": the server dropped the connection", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static byte[] hmac(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ the report

    private static void report(int sent, int routes, Map<String, Map<Integer, Integer>> byRoute, Map<String, Integer> byKind,
                               Map<Integer, Integer> statuses) {
        StringBuilder out = new StringBuilder("\nbody fuzz: seed " + SEED + ", " + sent + " requests over " + routes + " routes\n");
        out.append("status histogram: ").append(statuses).append('\n');
        out.append("by kind: ").append(byKind).append('\n');
        byRoute.forEach((route, histogram) -> out.append(String.format("  %-60s %5d  %s%n", route,
                histogram.values().stream().mapToInt(Integer::intValue).sum(), histogram)));
        System.out.println(out);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
