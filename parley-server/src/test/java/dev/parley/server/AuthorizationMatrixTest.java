package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import dev.parley.server.auth.RouteRoles;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outside probe of issue 18, made part of the suite: every route Parley serves × every kind of
 * caller, against the answer each route declares once here ({@link #ROUTES}). A route added
 * without a row fails {@link #everyRouteHasARowAndEveryRowARoute}; a route whose guard differs
 * from its row fails {@link #everyCallerGetsTheAnswerItsRouteDeclares}. A caller of another tenant
 * reaches nothing of this tenant's through any route, reads or writes.
 */
class AuthorizationMatrixTest extends ServerTestSupport {

    /** What a route lets through. */
    enum Access {
        /** Anyone; the route proves the sender otherwise (login, webhook signatures) or shows nothing private. */
        PUBLIC,
        /** A user of the tenant (or any of the roles above), an API key. */
        VIEWER,
        /** An admin user or an API key, a superadmin. */
        ADMIN,
        /** The operator: PARLEY_ADMIN_KEY or a superadmin's token; never a tenant's key or user. */
        OPERATOR
    }

    /** Who calls. */
    enum CallerKind {
        NONE, GARBAGE_KEY, FORGED_TOKEN, OTHER_TENANT_KEY, VIEWER, ADMIN_IN_OTHER_TENANT, OPERATOR_KEY_ON_TENANT_ROUTE,
        ADMIN, API_KEY, SUPERADMIN, SUPERADMIN_IN_TENANT
    }

    private static final String TENANT = "am-acme";
    private static final String OTHER = "am-other";
    private static final String MARKER = "am-secret-marker-7c1";

    /** One row per route (its shortest pattern): the answer every caller kind must get follows from it. */
    private static final Map<String, Access> ROUTES = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /error", Access.PUBLIC),
            Map.entry("GET /health", Access.PUBLIC),
            Map.entry("GET /mongodb-test", Access.OPERATOR),
            Map.entry("POST /webhooks/twilio", Access.PUBLIC),
            Map.entry("GET /webhooks/whatsapp", Access.PUBLIC),
            Map.entry("POST /webhooks/whatsapp", Access.PUBLIC),
            Map.entry("POST /api/v1/auth/login", Access.PUBLIC),
            Map.entry("POST /api/v1/auth/refresh", Access.PUBLIC),
            Map.entry("POST /api/v1/auth/logout", Access.VIEWER),
            Map.entry("GET /api/v1/admin/tenants", Access.OPERATOR),
            Map.entry("POST /api/v1/admin/tenants", Access.OPERATOR),
            Map.entry("GET /api/v1/admin/tenants/{slug}", Access.OPERATOR),
            Map.entry("PATCH /api/v1/admin/tenants/{slug}", Access.OPERATOR),
            Map.entry("POST /api/v1/admin/tenants/{slug}/keys", Access.OPERATOR),
            Map.entry("GET /api/v1/admin/stats", Access.OPERATOR),
            Map.entry("GET /api/v1/admin/webhooks/unrouted", Access.OPERATOR),
            Map.entry("GET /api/v1/users/profile", Access.VIEWER),
            Map.entry("PATCH /api/v1/users/profile", Access.VIEWER),
            Map.entry("GET /api/v1/users/profile/quota", Access.VIEWER),
            Map.entry("POST /api/v1/users/profile/create", Access.ADMIN),
            Map.entry("GET /api/v1/users/tenant/users", Access.ADMIN),
            Map.entry("GET /api/v1/users/admin/profile/{userId}", Access.ADMIN),
            Map.entry("PATCH /api/v1/users/admin/profile/{userId}", Access.ADMIN),
            Map.entry("DELETE /api/v1/users/admin/profile/{userId}", Access.ADMIN),
            Map.entry("POST /api/v1/users/admin/initialize-indexes", Access.ADMIN),
            Map.entry("GET /api/v1/retention", Access.VIEWER),
            Map.entry("PUT /api/v1/retention", Access.ADMIN),
            Map.entry("POST /api/v1/audit-logs", Access.ADMIN),
            Map.entry("GET /api/v1/audit-logs", Access.VIEWER),
            Map.entry("GET /api/v1/audit-logs/verify", Access.VIEWER),
            Map.entry("GET /api/v1/users/{userId}/activity", Access.VIEWER),
            Map.entry("GET /api/v1/resources/{resourceId}/history", Access.VIEWER),
            Map.entry("POST /api/v1/events", Access.ADMIN),
            Map.entry("GET /api/v1/events", Access.VIEWER),
            Map.entry("GET /api/v1/aggregates/{aggregateType}/{aggregateId}/events", Access.VIEWER),
            Map.entry("GET /api/v1/stats", Access.VIEWER),
            Map.entry("POST /api/v1/campaigns/{campaignId}/executions", Access.ADMIN),
            Map.entry("POST /api/v1/conversations/{conversationId}/close", Access.ADMIN),
            Map.entry("GET /api/v1/conversations", Access.VIEWER),
            Map.entry("GET /api/v1/contacts", Access.VIEWER),
            Map.entry("GET /api/v1/contacts/{contactId}", Access.VIEWER),
            Map.entry("PATCH /api/v1/contacts/{contactId}", Access.ADMIN),
            Map.entry("DELETE /api/v1/contacts/{contactId}", Access.ADMIN),
            Map.entry("GET /api/v1/contacts/{contactId}/erasure-report", Access.VIEWER),
            Map.entry("POST /api/v1/contacts/{contactId}/exports", Access.ADMIN),
            Map.entry("GET /api/v1/contacts/{contactId}/exports/{exportId}", Access.ADMIN),
            Map.entry("GET /api/v1/contacts/{contactId}/exports/{exportId}/archive", Access.ADMIN),
            Map.entry("POST /api/v1/conversations", Access.ADMIN),
            Map.entry("GET /api/v1/conversations/search", Access.VIEWER),
            Map.entry("GET /api/v1/conversations/{conversationId}", Access.VIEWER),
            Map.entry("PATCH /api/v1/conversations/{conversationId}", Access.ADMIN),
            Map.entry("PUT /api/v1/conversations/{conversationId}", Access.ADMIN),
            Map.entry("GET /api/v1/conversations/{conversationId}/messages", Access.VIEWER),
            Map.entry("POST /api/v1/messages", Access.ADMIN),
            Map.entry("GET /api/v1/messages/search", Access.VIEWER),
            Map.entry("GET /api/v1/messages/{messageId}", Access.VIEWER),
            Map.entry("DELETE /api/v1/messages/{messageId}", Access.ADMIN),
            Map.entry("POST /api/v1/messages/{messageId}/statuses", Access.ADMIN),
            Map.entry("POST /api/v1/statuses", Access.ADMIN),
            Map.entry("GET /api/v1/message-statuses", Access.VIEWER),
            Map.entry("GET /api/v1/message-statuses/counts", Access.VIEWER),
            Map.entry("GET /api/v1/channels", Access.ADMIN),
            Map.entry("GET /api/v1/channels/whatsapp/{phoneNumberId}", Access.ADMIN),
            Map.entry("PUT /api/v1/channels/whatsapp/{phoneNumberId}", Access.ADMIN),
            Map.entry("DELETE /api/v1/channels/whatsapp/{phoneNumberId}", Access.ADMIN),
            Map.entry("GET /api/v1/channels/twilio/{accountSid}", Access.ADMIN),
            Map.entry("PUT /api/v1/channels/twilio/{accountSid}", Access.ADMIN),
            Map.entry("DELETE /api/v1/channels/twilio/{accountSid}", Access.ADMIN),
            Map.entry("GET /api/v1/collections/{collection}/documents", Access.VIEWER),
            Map.entry("POST /api/v1/collections/{collection}/documents", Access.ADMIN),
            Map.entry("GET /api/v1/collections/{collection}/documents/{id}", Access.VIEWER),
            Map.entry("PATCH /api/v1/collections/{collection}/documents", Access.ADMIN),
            Map.entry("DELETE /api/v1/collections/{collection}/documents", Access.ADMIN),
            Map.entry("POST /api/v1/metrics", Access.ADMIN),
            Map.entry("GET /api/v1/metrics/{metricType}/daily", Access.VIEWER),
            Map.entry("GET /api/v1/metrics/{metricType}/hourly", Access.VIEWER),
            Map.entry("GET /api/v1/analytics/messaging", Access.VIEWER),
            Map.entry("POST /api/v1/imports", Access.ADMIN),
            Map.entry("POST /api/v1/logs/admin/initialize-metadata-indexes", Access.ADMIN),
            Map.entry("GET /api/v1/logs/metadata", Access.VIEWER),
            Map.entry("GET /api/v1/logs/metadata/stats", Access.VIEWER),
            Map.entry("GET /api/v1/logs/metadata/recent", Access.VIEWER),
            Map.entry("GET /api/v1/logs/metadata/task/{taskId}", Access.VIEWER),
            Map.entry("GET /api/v1/logs/metadata/{uploadId}", Access.VIEWER),
            Map.entry("DELETE /api/v1/logs/metadata/{uploadId}", Access.ADMIN)));

    /** Values for path variables: this tenant's real ids, so that another tenant's attempts aim at something. */
    private static final Map<String, String> PATH_VALUES = Map.ofEntries(
            Map.entry("messageId", "am-msg-1"), Map.entry("conversationId", "am-conv-1"), Map.entry("collection", "am_notes"),
            Map.entry("id", "am-note-1"), Map.entry("userId", "am-target"), Map.entry("slug", "am-spare"),
            Map.entry("resourceId", "am-msg-1"), Map.entry("aggregateType", "order"), Map.entry("aggregateId", "am-order-1"),
            Map.entry("metricType", "am_metric"), Map.entry("campaignId", "am-campaign"), Map.entry("phoneNumberId", "am-phone"),
            Map.entry("accountSid", "ACam"), Map.entry("uploadId", "am-upload"), Map.entry("taskId", "am-task"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<CallerKind, Credential> callers = new LinkedHashMap<>();

    private record Credential(String bearer, Map<String, String> headers) {
    }

    private record Route(String method, String pattern, String contentType) {

        String row() {
            return method + " " + pattern;
        }
    }

    @BeforeAll
    void tenantsUsersAndData() {
        String key = keyFor(TENANT);
        String otherKey = keyFor(OTHER);
        keyFor("am-ops");
        keyFor("am-spare");
        String password = "matrix-password-1";
        parley.users().create(TENANT, new Document("user_id", "am-viewer").append("role", "viewer").append("password", password), "UTC");
        parley.users().create(TENANT, new Document("user_id", "am-admin").append("role", "admin").append("password", password), "UTC");
        parley.users().create(TENANT, new Document("user_id", "am-target").append("role", "viewer"), "UTC");
        parley.users().create("am-ops", new Document("user_id", "am-root").append("role", "superadmin").append("password", password), "UTC");
        parley.users().create(OTHER, new Document("user_id", "am-target").append("role", "viewer"), "UTC");

        // this tenant's data, each carrying the marker another tenant must never see
        assertThat(postJson("/api/v1/messages", key, "{\"message_id\":\"am-msg-1\",\"conversation_id\":\"am-conv-1\","
                + "\"direction\":\"inbound\",\"content\":\"" + MARKER + "\"}").status()).isIn(200, 201);
        assertThat(postJson("/api/v1/collections/am_notes/documents", key, "{\"_id\":\"am-note-1\",\"text\":\"" + MARKER + "\"}").status())
                .isIn(200, 201);
        assertThat(postJson("/api/v1/events", key, "{\"aggregate_type\":\"order\",\"aggregate_id\":\"am-order-1\",\"event_type\":\"created\","
                + "\"data\":{\"note\":\"" + MARKER + "\"}}").status()).isIn(200, 201);
        assertThat(postJson("/api/v1/audit-logs", key, "{\"user_id\":\"" + MARKER + "\",\"action\":\"view\",\"resource_type\":\"report\","
                + "\"resource_id\":\"am-msg-1\"}").status()).isIn(200, 201);

        callers.put(CallerKind.NONE, new Credential(null, Map.of()));
        callers.put(CallerKind.GARBAGE_KEY, new Credential("pk_" + "garbage".repeat(6), Map.of()));
        callers.put(CallerKind.FORGED_TOKEN, new Credential(forged(login(TENANT, "am-admin", password)), Map.of()));
        callers.put(CallerKind.OTHER_TENANT_KEY, new Credential(otherKey, Map.of()));
        // a session each: the logout route ends the one it is called with
        callers.put(CallerKind.VIEWER, new Credential(login(TENANT, "am-viewer", password), Map.of()));
        callers.put(CallerKind.ADMIN_IN_OTHER_TENANT, new Credential(login(TENANT, "am-admin", password), Map.of("X-Tenant-Id", OTHER)));
        callers.put(CallerKind.OPERATOR_KEY_ON_TENANT_ROUTE, new Credential(ADMIN_KEY, Map.of()));
        callers.put(CallerKind.ADMIN, new Credential(login(TENANT, "am-admin", password), Map.of()));
        callers.put(CallerKind.API_KEY, new Credential(key, Map.of()));
        callers.put(CallerKind.SUPERADMIN, new Credential(login("am-ops", "am-root", password), Map.of()));
        callers.put(CallerKind.SUPERADMIN_IN_TENANT, new Credential(login("am-ops", "am-root", password), Map.of("X-Tenant-Id", TENANT)));
    }

    private String login(String tenant, String userId, String password) {
        Reply reply = postJson("/api/v1/auth/login", null,
                "{\"tenant_id\":\"" + tenant + "\",\"user_id\":\"" + userId + "\",\"password\":\"" + password + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("access_token").asString();
    }

    /** A real token whose claims say superadmin-ish things it was not signed for: the payload is swapped. */
    private static String forged(String token) {
        String[] parts = token.split("\\.");
        String claims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"parley\",\"sub\":\"am-root\",\"tid\":\"am-ops\",\"typ\":\"access\",\"exp\":4102444800}".getBytes());
        return parts[0] + "." + claims + "." + parts[2];
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (!mapping.getValue().getBeanType().getPackageName().startsWith("dev.parley")) {
                continue;
            }
            RequestMappingInfo info = mapping.getKey();
            String pattern = info.getPatternValues().stream().min(Comparator.comparing(String::length)).orElseThrow();
            String contentType = info.getConsumesCondition().getConsumableMediaTypes().stream().findFirst()
                    .map(MediaType::toString).orElse(MediaType.APPLICATION_JSON_VALUE);
            var verbs = info.getMethodsCondition().getMethods();
            for (RequestMethod verb : verbs.isEmpty() ? java.util.Set.of(RequestMethod.GET) : verbs) {
                routes.add(new Route(verb.name(), pattern, contentType));
            }
        }
        // logout ends the caller's session: last, so the other routes still see it
        routes.sort(Comparator.comparing((Route r) -> r.pattern().endsWith("/logout")).thenComparing(Route::row));
        return routes;
    }

    @Test
    void everyRouteHasARowAndEveryRowARoute() {
        TreeSet<String> served = new TreeSet<>(routes().stream().map(Route::row).toList());
        TreeSet<String> missing = new TreeSet<>(served);
        missing.removeAll(ROUTES.keySet());
        TreeSet<String> stale = new TreeSet<>(ROUTES.keySet());
        stale.removeAll(served);
        assertThat(missing).as("routes without a row in ROUTES: declare who may call them").isEmpty();
        assertThat(stale).as("rows for routes Parley no longer serves").isEmpty();
        // the row agrees with what the route itself declares
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (mapping.getValue().getBeanType().getPackageName().startsWith("dev.parley") && !RouteRoles.isPublic(mapping.getValue())) {
                assertThat(RouteRoles.declared(mapping.getValue())).as(mapping.getKey().toString()).isPresent();
            }
        }
    }

    @Test
    void everyCallerGetsTheAnswerItsRouteDeclares() {
        List<Route> routes = routes();
        List<String> wrong = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int requests = 0;
        // callers who must change nothing go first; the tenant's data is checked before admins may change it
        List<CallerKind> order = List.of(CallerKind.values());
        for (CallerKind kind : order) {
            if (kind == CallerKind.ADMIN) {
                assertTenantDataUntouched();
            }
            for (Route route : routes) {
                Access access = ROUTES.get(route.row());
                if (access == null) {
                    continue; // reported by everyRouteHasARowAndEveryRowARoute
                }
                Reply reply = call(route, callers.get(kind));
                requests++;
                statuses.merge(reply.status(), 1, Integer::sum);
                String problem = check(access, kind, route, reply);
                if (problem != null) {
                    wrong.add(kind + " " + route.row() + " -> " + reply.status() + ": " + problem + " | " + abbreviate(reply.body()));
                }
            }
        }
        System.out.printf("authorization matrix: %d routes x %d caller kinds = %d requests; statuses %s%n",
                routes.size(), order.size(), requests, statuses);
        assertThat(wrong).isEmpty();
        assertThat(requests).isGreaterThan(60 * order.size());
    }

    private Reply call(Route route, Credential credential) {
        String path = fill(route.pattern());
        boolean write = !route.method().equals("GET");
        String body = write ? (route.contentType().startsWith("application/x-www-form-urlencoded") ? "a=b" : "{}") : null;
        Map<String, String> headers = new HashMap<>(credential.headers());
        return new TestHttp(port).send(route.method(), path, credential.bearer(), write ? route.contentType() : null, body, headers);
    }

    /** Why {@code reply} is not what {@code access} declares for {@code kind}, or null when it is. */
    private static String check(Access access, CallerKind kind, Route route, Reply reply) {
        int status = reply.status();
        if (status >= 500) {
            return "a server error";
        }
        if (access == Access.PUBLIC) {
            return null;
        }
        if (status == 429) {
            return "rate-limited: raise the test's budgets";
        }
        boolean passed = status != 401 && status != 403;
        boolean tenantRoute = access != Access.OPERATOR;
        boolean expected = switch (kind) {
            case NONE, GARBAGE_KEY, FORGED_TOKEN -> false;
            case OTHER_TENANT_KEY, API_KEY, ADMIN -> tenantRoute;
            case VIEWER -> access == Access.VIEWER;
            case ADMIN_IN_OTHER_TENANT -> false;
            case OPERATOR_KEY_ON_TENANT_ROUTE -> !tenantRoute;
            case SUPERADMIN, SUPERADMIN_IN_TENANT -> true;
        };
        if (expected != passed) {
            return expected ? "refused a caller the route declares allowed" : "let through a caller the route declares refused";
        }
        if (!passed && (kind == CallerKind.NONE || kind == CallerKind.FORGED_TOKEN) && status != 401) {
            return "no or forged credentials must be 401";
        }
        if (kind == CallerKind.OTHER_TENANT_KEY && reply.body() != null && reply.body().contains(MARKER)) {
            return "another tenant's key read this tenant's data";
        }
        if (!passed && !reply.contentType().startsWith("application/problem+json")) {
            return "a refusal that is not problem+json";
        }
        return null;
    }

    private void assertTenantDataUntouched() {
        String key = callers.get(CallerKind.API_KEY).bearer();
        assertThat(get("/api/v1/messages/am-msg-1", key).body()).contains(MARKER);
        assertThat(get("/api/v1/collections/am_notes/documents/am-note-1", key).body()).contains(MARKER);
        assertThat(get("/api/v1/aggregates/order/am-order-1/events", key).body()).contains(MARKER);
        assertThat(parley.users().find(TENANT, "am-target")).isPresent();
        assertThat(parley.users().get(TENANT, "am-target").getString("role")).isEqualTo("viewer");
        assertThat(parley.tenant(TENANT).audit().verify().getBoolean("valid")).isTrue();
    }

    private static String fill(String pattern) {
        Matcher variable = Pattern.compile("\\{([^}]+)}").matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(path, PATH_VALUES.getOrDefault(variable.group(1), "probe"));
        }
        return variable.appendTail(path).toString();
    }

    private static String abbreviate(String body) {
        return body == null || body.length() < 200 ? body : body.substring(0, 200) + "…";
    }
}
