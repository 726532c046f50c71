package dev.parley.server.apidocs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.auth.RouteRoles;
import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Completes springdoc's document, keyed by route ({@code "POST /api/v1/messages"}): the request and
 * response schemas and examples of apidocs/parley-api.yaml, the role each route declares (and the
 * security that follows), problem+json errors, tags by feature, allowed values from the code.
 * A route without an entry in the file, or an entry without a route, fails the document.
 */
class RouteDocs implements OpenApiCustomizer {

    /** One route's entry in the file. */
    record RouteDoc(String summary, String description, BodyDoc request, Map<String, ResponseDoc> responses,
                    Map<String, String> parameters, Map<String, String> enums) {
    }

    /** {@code schema} (JSON), or {@code content}: media type to schema name; {@code examples} name components' examples. */
    record BodyDoc(String schema, Map<String, String> content, List<String> examples, Boolean required) {

        Map<String, String> media() {
            return content != null ? content : Map.of(JSON, schema);
        }
    }

    record ResponseDoc(String schema, String description, List<String> examples) {
    }

    record DocsFile(Map<String, RouteDoc> routes, Components components) {
    }

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String ERROR_PAGE = "/error";

    private final DocsFile file;
    private final Supplier<Map<RequestMappingInfo, HandlerMethod>> mappings;

    RouteDocs(DocsFile file, Supplier<Map<RequestMappingInfo, HandlerMethod>> mappings) {
        this.file = file;
        this.mappings = mappings;
    }

    static DocsFile load(String resource) {
        ObjectMapper yaml = Yaml31.mapper();
        try (InputStream in = RouteDocs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            JsonNode root = yaml.readTree(in);
            Map<String, RouteDoc> routes = yaml.readerFor(new TypeReference<LinkedHashMap<String, RouteDoc>>() { })
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(root.get("routes"));
            return new DocsFile(routes, yaml.treeToValue(root.get("components"), Components.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    @Override
    public void customise(OpenAPI api) {
        mergeComponents(api.getComponents());
        Map<String, HandlerMethod> handlers = handlersByRoute();
        Set<String> documented = new HashSet<>();
        for (String path : new ArrayList<>(api.getPaths().keySet())) {
            if (path.length() > 1 && path.endsWith("/") && api.getPaths().containsKey(path.substring(0, path.length() - 1))) {
                api.getPaths().remove(path); // seed 003's trailing-slash twins: one route, said once in the description
                continue;
            }
            PathItem item = api.getPaths().get(path);
            item.readOperationsMap().forEach((verb, operation) -> {
                if (path.equals(ERROR_PAGE) && verb != PathItem.HttpMethod.GET) {
                    item.operation(verb, null); // the container's error page answers every verb alike
                    return;
                }
                String route = verb + " " + path;
                RouteDoc doc = file.routes().get(route);
                HandlerMethod handler = handlers.get(route);
                if (doc == null || handler == null) {
                    throw new IllegalStateException("route " + route + " has no entry in apidocs/parley-api.yaml");
                }
                documented.add(route);
                describe(operation, path, handler, doc);
            });
        }
        Set<String> stale = new TreeSet<>(file.routes().keySet());
        stale.removeAll(documented);
        if (!stale.isEmpty()) {
            throw new IllegalStateException("apidocs/parley-api.yaml describes routes Parley does not serve: " + stale);
        }
    }

    private void mergeComponents(Components components) {
        // springdoc's schemas of the parameter types it was told to ignore, and of ProblemDetail, are replaced
        components.getSchemas().keySet().removeAll(List.of("TenantScope", "Caller", "Quota", "ProblemDetail"));
        components.getSchemas().putAll(file.components().getSchemas());
        components.setResponses(new LinkedHashMap<>(file.components().getResponses()));
        components.setExamples(new LinkedHashMap<>(file.components().getExamples()));
        components.getSchemas().values().forEach(Vocabularies::apply);
    }

    private Map<String, HandlerMethod> handlersByRoute() {
        Map<String, HandlerMethod> routes = new LinkedHashMap<>();
        mappings.get().forEach((info, handler) -> {
            Set<RequestMethod> verbs = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod verb : verbs.isEmpty() ? Set.of(RequestMethod.values()) : verbs) {
                    routes.put(verb.name() + " " + pattern, handler);
                }
            }
        });
        return routes;
    }

    private void describe(Operation operation, String path, HandlerMethod handler, RouteDoc doc) {
        Access access = Access.of(handler, path);
        operation.setTags(List.of(access == Access.OPERATOR ? "operator" : feature(handler)));
        operation.setOperationId(operationId(handler));
        operation.setSummary(doc.summary());
        operation.setDescription(doc.description() == null ? access.line() : doc.description() + "\n\n" + access.line());
        operation.setSecurity(access == Access.PUBLIC ? List.of() : List.of(
                new SecurityRequirement().addList(ApiDocsConfiguration.ACCESS_TOKEN),
                new SecurityRequirement().addList(ApiDocsConfiguration.API_KEY),
                new SecurityRequirement().addList(ApiDocsConfiguration.API_KEY_BEARER)));
        describeParameters(operation, path, doc);
        if (doc.request() != null) {
            operation.setRequestBody(requestBody(doc.request()));
        } else if (operation.getRequestBody() != null) {
            throw new IllegalStateException(path + " takes a body the description does not name");
        }
        operation.setResponses(responses(operation, path, access, doc));
    }

    private static void describeParameters(Operation operation, String path, RouteDoc doc) {
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>() : new ArrayList<>(operation.getParameters());
        // a Map of every query parameter (metrics' tag.<name>): said in the description instead
        parameters.removeIf(p -> "query".equals(p.getIn()) && p.getSchema() != null && p.getSchema().getTypes() != null
                && p.getSchema().getTypes().contains("object"));
        Map<String, Parameter> byName = new LinkedHashMap<>();
        parameters.forEach(p -> byName.put(p.getName(), p));
        named(doc.parameters(), byName, path).forEach((name, text) -> byName.get(name).setDescription(text));
        // a schema of its own: springdoc shares one instance among the parameters of a type
        named(doc.enums(), byName, path).forEach((name, vocabulary) -> byName.get(name).setSchema(
                new JsonSchema().typesItem("string")._enum(new ArrayList<>(Vocabularies.values(vocabulary)))));
        operation.setParameters(parameters.isEmpty() ? null : parameters);
    }

    private static Map<String, String> named(Map<String, String> entries, Map<String, Parameter> parameters, String path) {
        if (entries == null) {
            return Map.of();
        }
        entries.keySet().stream().filter(name -> !parameters.containsKey(name)).findFirst().ifPresent(name -> {
            throw new IllegalStateException(path + " has no parameter " + name);
        });
        return entries;
    }

    private RequestBody requestBody(BodyDoc body) {
        Content content = new Content();
        body.media().forEach((media, schema) -> content.addMediaType(media, media(schema, body.examples())));
        return new RequestBody().content(content).required(body.required() == null || body.required());
    }

    private ApiResponses responses(Operation operation, String path, Access access, RouteDoc doc) {
        ApiResponses responses = new ApiResponses();
        doc.responses().forEach((status, reply) -> responses.addApiResponse(status, new ApiResponse()
                .description(reply.description() != null ? reply.description() : "OK")
                .content(reply.schema() == null ? null : new Content().addMediaType(
                        reply.schema().equals("Problem") ? PROBLEM : JSON, media(reply.schema(), reply.examples())))));
        if (responses.keySet().stream().noneMatch(status -> status.startsWith("2"))) {
            throw new IllegalStateException(path + " documents no success answer");
        }
        boolean input = operation.getRequestBody() != null || operation.getParameters() != null;
        if (input) {
            responses.putIfAbsent("400", errors("BadRequest"));
        }
        if (access != Access.PUBLIC) {
            responses.putIfAbsent("401", errors("Unauthorized"));
            responses.putIfAbsent("403", errors("Forbidden"));
            responses.putIfAbsent("429", errors("TooManyRequests"));
            responses.putIfAbsent("503", errors("Unavailable"));
        }
        if (path.contains("{")) {
            responses.putIfAbsent("404", errors("NotFound"));
        }
        return responses;
    }

    private static ApiResponse errors(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }

    private MediaType media(String schema, List<String> examples) {
        if (!file.components().getSchemas().containsKey(schema)) {
            throw new IllegalStateException("apidocs/parley-api.yaml names an unknown schema " + schema);
        }
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema));
        for (String example : examples == null ? List.<String>of() : examples) {
            if (!file.components().getExamples().containsKey(example)) {
                throw new IllegalStateException("apidocs/parley-api.yaml names an unknown example " + example);
            }
            media.addExamples(example, new Example().$ref("#/components/examples/" + example));
        }
        return media;
    }

    /** The feature the route belongs to: its controller's package (Parley is packaged by feature). */
    private static String feature(HandlerMethod handler) {
        String pkg = handler.getBeanType().getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    /** {@code messagesLog}: unique, and stable while the controller and method keep their names. */
    private static String operationId(HandlerMethod handler) {
        String controller = handler.getBeanType().getSimpleName().replace("Controller", "");
        return StringUtils.uncapitalize(controller) + StringUtils.capitalize(handler.getMethod().getName());
    }

    /** Who may call a route, as the auth setup decides it. */
    enum Access {
        PUBLIC("**Public**: no credentials."),
        VIEWER("**Role: viewer** (any user of the tenant, or an API key)."),
        ADMIN("**Role: admin** (an admin user or an API key of the tenant; a superadmin)."),
        SUPERADMIN("**Role: superadmin**."),
        OPERATOR("**Operator**: PARLEY_ADMIN_KEY, or a superadmin's access token.");

        private final String line;

        Access(String line) {
            this.line = line;
        }

        String line() {
            return line;
        }

        static Access of(HandlerMethod handler, String path) {
            if (RouteRoles.isOperatorRoute(path)) {
                return OPERATOR;
            }
            if (RouteRoles.isPublic(handler) || !path.startsWith("/api/")) {
                return PUBLIC;
            }
            return valueOf(RouteRoles.declared(handler).orElseThrow(() ->
                    new IllegalStateException("route " + path + " declares no role")).name().toUpperCase(Locale.ROOT));
        }
    }
}
