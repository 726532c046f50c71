package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import dev.parley.server.auth.RouteRoles;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23: the OpenAPI 3.1 document at /v3/api-docs is valid, names every route Parley serves
 * with its role and a schema for each JSON body, lists exactly the values the API accepts, and its
 * examples are accepted by the routes they illustrate; Swagger UI serves it without credentials.
 */
class ApiDocsTest extends ServerTestSupport {

    private static final String TENANT = "acme";
    private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "patch");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String key;
    private JsonNode doc;

    @BeforeAll
    void fetchTheDocument() {
        key = keyFor(TENANT);
        Reply reply = get("/v3/api-docs", null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        doc = reply.json();
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(get("/v3/api-docs", null).body(), null, options);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(parsed.getOpenAPI().getPaths()).hasSizeGreaterThan(50);
        // the YAML form springdoc also serves parses to the same paths
        SwaggerParseResult yaml = new OpenAPIV3Parser().readContents(get("/v3/api-docs.yaml", null).body(), null, options);
        assertThat(yaml.getMessages()).isEmpty();
        assertThat(yaml.getOpenAPI().getPaths().keySet()).isEqualTo(parsed.getOpenAPI().getPaths().keySet());
    }

    @Test
    void everyRouteParleyServesIsDescribedWithItsRole() {
        List<String> missing = new ArrayList<>();
        int routes = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = mapping.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("dev.parley")) {
                continue;
            }
            String path = mapping.getKey().getPatternValues().stream().min(Comparator.comparing(String::length)).orElseThrow();
            Set<RequestMethod> verbs = mapping.getKey().getMethodsCondition().getMethods();
            for (RequestMethod verb : verbs.isEmpty() ? Set.of(RequestMethod.GET) : verbs) {
                routes++;
                JsonNode operation = doc.path("paths").path(path).path(verb.name().toLowerCase());
                if (operation.isMissingNode()) {
                    missing.add(verb + " " + path);
                    continue;
                }
                assertThat(operation.path("summary").asString()).as(verb + " " + path).isNotBlank();
                assertThat(operation.path("description").asString()).as(verb + " " + path).contains(expectedAccess(handler, path));
            }
        }
        assertThat(missing).as("handler mappings missing from /v3/api-docs").isEmpty();
        assertThat(routes).isGreaterThan(70);
        assertThat(operations()).hasSize(routes);
    }

    private static String expectedAccess(HandlerMethod handler, String path) {
        if (RouteRoles.isOperatorRoute(path)) {
            return "**Operator**";
        }
        if (RouteRoles.isPublic(handler) || !path.startsWith("/api/")) {
            return "**Public**";
        }
        return "**Role: " + RouteRoles.declared(handler).orElseThrow().wire() + "**";
    }

    @Test
    void everyJsonBodyHasASchemaAndErrorsAreProblemJson() {
        int bodies = 0;
        for (Map.Entry<String, JsonNode> operation : operations().entrySet()) {
            String route = operation.getKey();
            JsonNode content = operation.getValue().path("requestBody").path("content");
            for (Map.Entry<String, JsonNode> media : content.properties()) {
                assertThat(media.getValue().path("schema").path("$ref").asString()).as(route + " request " + media.getKey()).isNotBlank();
                bodies++;
            }
            for (Map.Entry<String, JsonNode> reply : operation.getValue().path("responses").properties()) {
                JsonNode response = reply.getValue().has("$ref") ? resolve(reply.getValue().get("$ref").asString()) : reply.getValue();
                for (Map.Entry<String, JsonNode> media : response.path("content").properties()) {
                    assertThat(media.getKey()).as(route + " " + reply.getKey()).isIn("application/json", "application/problem+json");
                    assertThat(media.getValue().path("schema").path("$ref").asString()).as(route + " " + reply.getKey()).isNotBlank();
                    if (!reply.getKey().startsWith("2") && !route.equals("GET /health")) { // /health answers its own shape with 503
                        assertThat(media.getKey()).isEqualTo("application/problem+json");
                        bodies++;
                    }
                }
            }
        }
        assertThat(bodies).isGreaterThan(150);
        JsonNode problem = doc.path("components").path("schemas").path("Problem").path("properties");
        assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "field", "reason", "errors");
        // a real refusal has the documented shape
        Reply refused = postJson("/api/v1/messages", key, "{\"conversation_id\":\"c\",\"sender_type\":\"robot\",\"content\":\"x\"}");
        assertProblemNames(refused, "sender_type");
        assertThat(problem.propertyNames()).containsAll(refused.json().propertyNames());
    }

    @Test
    void allowedValuesAreTheOnesTheApiAccepts() {
        JsonNode message = schema("MessageInput").path("properties");
        Map<String, List<String>> allowed = Map.of(
                "sender_type", values(message.path("sender_type")), "message_type", values(message.path("message_type")),
                "direction", values(message.path("direction")), "status", values(message.path("status")));
        assertThat(allowed.get("sender_type")).containsExactly("agent", "system", "user");
        assertThat(allowed.get("status")).containsExactly("pending", "sent", "delivered", "read", "played", "failed", "deleted");
        assertThat(allowed.get("message_type")).contains("text", "image", "template", "reaction").hasSizeGreaterThan(10);
        int accepted = 0;
        for (Map.Entry<String, List<String>> field : allowed.entrySet()) {
            for (String value : field.getValue()) {
                Reply reply = postJson("/api/v1/messages", key, "{\"message_id\":\"enum-" + field.getKey() + "-" + value
                        + "\",\"conversation_id\":\"enums\",\"content\":\"hello\",\"" + field.getKey() + "\":\"" + value + "\"}");
                assertThat(reply.status()).as(field.getKey() + "=" + value + ": " + reply.body()).isEqualTo(201);
                accepted++;
            }
            Reply refused = postJson("/api/v1/messages", key, "{\"conversation_id\":\"enums\",\"content\":\"hello\",\""
                    + field.getKey() + "\":\"not-a-" + field.getKey() + "\"}");
            assertProblemNames(refused, field.getKey());
        }
        assertThat(accepted).isGreaterThan(25);
        assertThat(values(schema("ConversationInput").path("properties").path("channel"))).contains("whatsapp", "chat", "voice");
        assertThat(values(schema("AuditEntryInput").path("properties").path("action")))
                .containsExactly("create", "delete", "execute", "update", "view");
        JsonNode search = doc.path("paths").path("/api/v1/messages/search").path("get").path("parameters");
        assertThat(search.findValues("enum")).hasSize(4);
    }

    /** Every request example (taken from the seeds) is accepted by its route, in an order that builds on itself. */
    @Test
    void requestExamplesAreAcceptedByTheirRoutes() {
        List<String> order = List.of("POST /api/v1/users/profile/create", "POST /api/v1/auth/login", "POST /api/v1/conversations",
                "POST /api/v1/messages");
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>(operations().entrySet());
        operations.sort(Comparator.comparing((Map.Entry<String, JsonNode> o) -> {
            int at = order.indexOf(o.getKey());
            return at < 0 ? order.size() : at;
        }).thenComparing(Map.Entry::getKey));
        String token = null;
        int tried = 0;
        for (Map.Entry<String, JsonNode> operation : operations) {
            JsonNode examples = operation.getValue().path("requestBody").path("content").path("application/json").path("examples");
            for (JsonNode example : examples) {
                String[] route = operation.getKey().split(" ", 2);
                String body = resolve(example.get("$ref").asString()).get("value").toString();
                String credentials = route[1].startsWith("/api/v1/admin/") ? ADMIN_KEY
                        : route[1].equals("/api/v1/users/profile") ? token : key;
                Reply reply = send(route[0], fill(route[1]), credentials, "application/json", body);
                assertThat(reply.status()).as(operation.getKey() + " " + body + " -> " + reply.body()).isBetween(200, 204);
                if (route[1].equals("/api/v1/auth/login")) {
                    token = reply.json().get("access_token").asString();
                }
                tried++;
            }
        }
        assertThat(tried).isGreaterThan(15);
    }

    /** What the routes answer is what the schemas say: no field comes back that the document does not name. */
    @Test
    void answersHaveTheDocumentedFields() {
        postJson("/api/v1/messages", key, "{\"message_id\":\"shape-1\",\"conversation_id\":\"shape\",\"content\":\"hi\",\"status\":\"sent\"}");
        postJson("/api/v1/messages/shape-1/statuses", key, "{\"status\":\"failed\",\"error\":{\"code\":131047}}");
        postJson("/api/v1/conversations", key, "{\"conversation_id\":\"shape\",\"agent_id\":\"a\",\"channel\":\"chat\"}");
        Map<String, Reply> answers = Map.of(
                "Message", get("/api/v1/messages/shape-1", key),
                "Conversation", get("/api/v1/conversations/shape", key),
                "AuditEntry", postJson("/api/v1/audit-logs", key, "{\"user_id\":\"u\",\"action\":\"view\",\"resource_type\":\"report\"}"),
                "Event", postJson("/api/v1/events", key, "{\"event_type\":\"Seen\",\"aggregate_id\":\"x\",\"aggregate_type\":\"report\"}"),
                "Metric", postJson("/api/v1/metrics", key, "{\"metric_type\":\"shape\",\"value\":1}"),
                "Retention", get("/api/v1/retention", key),
                "MessagingReport", get("/api/v1/analytics/messaging", key));
        answers.forEach((schema, reply) -> {
            assertThat(reply.status()).as(schema + ": " + reply.body()).isBetween(200, 201);
            Set<String> fields = new TreeSet<>(reply.json().propertyNames());
            fields.removeIf(name -> name.endsWith("_formatted"));
            assertThat(schema(schema).path("properties").propertyNames()).as(schema).containsAll(fields);
        });
    }

    @Test
    void securitySchemesAndPublicRoutes() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("access_token").path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(schemes.path("api_key").path("name").asString()).isEqualTo("X-API-Key");
        assertThat(schemes.path("api_key").path("in").asString()).isEqualTo("header");
        assertThat(schemes.path("api_key_bearer").path("scheme").asString()).isEqualTo("bearer");
        Map<String, JsonNode> operations = operations();
        for (String open : List.of("POST /api/v1/auth/login", "GET /health", "POST /webhooks/whatsapp")) {
            assertThat(operations.get(open).path("security").isArray() && operations.get(open).path("security").isEmpty()).as(open).isTrue();
        }
        JsonNode guarded = operations.get("DELETE /api/v1/messages/{messageId}");
        assertThat(guarded.path("security").findValues("api_key")).hasSize(1);
        assertThat(guarded.path("description").asString()).contains("Role: admin");
        assertThat(operations.get("GET /api/v1/messages/{messageId}").path("description").asString()).contains("Role: viewer");
        // snake_case in every schema, as in every answer
        List<String> camel = new ArrayList<>();
        doc.path("components").path("schemas").forEach(schema -> collectPropertyNames(schema, camel));
        assertThat(camel.stream().filter(name -> !name.matches("[a-z0-9_$]+")).toList()).isEmpty();
    }

    @Test
    void swaggerUiServesTheDocumentWithoutCredentials() {
        Reply redirect = get("/swagger-ui.html", null);
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).endsWith("/swagger-ui/index.html");
        Reply page = get("/swagger-ui/index.html", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        Reply config = get("/v3/api-docs/swagger-config", null);
        assertThat(config.json().get("url").asString()).isEqualTo("/v3/api-docs");
        // credentials that are not valid change nothing on public pages
        assertThat(get("/v3/api-docs", "pk_not-a-key").status()).isEqualTo(200);
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new HashMap<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (VERBS.contains(operation.getKey())) {
                    operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
                }
            }
        }
        return operations;
    }

    private JsonNode schema(String name) {
        return doc.path("components").path("schemas").path(name);
    }

    private JsonNode resolve(String ref) {
        JsonNode node = doc;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        return node;
    }

    private static List<String> values(JsonNode property) {
        List<String> values = new ArrayList<>();
        property.path("enum").forEach(value -> values.add(value.asString()));
        return values;
    }

    private static void collectPropertyNames(JsonNode schema, List<String> names) {
        if (schema.isMissingNode()) {
            return;
        }
        schema.path("properties").properties().forEach(property -> {
            names.add(property.getKey());
            collectPropertyNames(property.getValue(), names);
        });
        collectPropertyNames(schema.path("items"), names);
    }

    private static final Map<String, String> PATH_VALUES = Map.of("conversationId", "conv-456", "messageId", "msg-1",
            "campaignId", "campaign-456", "collection", "notes");

    private static String fill(String pattern) {
        Matcher variable = Pattern.compile("\\{([^}]+)}").matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(path, PATH_VALUES.getOrDefault(variable.group(1), "probe"));
        }
        return variable.appendTail(path).toString();
    }
}
