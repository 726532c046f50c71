package dev.parley.server.auth;

import dev.parley.server.web.PublicRoute;
import dev.parley.users.Role;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.method.HandlerMethod;

import java.util.List;
import java.util.Optional;

/** What a route declares: its {@link RequiresRole} (method first, then controller), or {@link PublicRoute}. */
public final class RouteRoles {

    /** Operator routes: PARLEY_ADMIN_KEY or a superadmin's token, whatever else the route declares. */
    public static final String ADMIN_API = "/api/v1/admin/**";
    public static final List<String> OPERATOR_ROUTES = List.of(ADMIN_API, "/mongodb-test");

    /** The API description and Swagger UI: public, like the routes they describe are listed in the README. */
    public static final List<String> API_DOCS = List.of("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**");

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private RouteRoles() {
    }

    public static boolean isPublic(HandlerMethod method) {
        return method.hasMethodAnnotation(PublicRoute.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PublicRoute.class) && !method.hasMethodAnnotation(RequiresRole.class);
    }

    public static boolean isOperatorRoute(String path) {
        return OPERATOR_ROUTES.stream().anyMatch(pattern -> PATHS.match(pattern, path));
    }

    public static Optional<Role> declared(HandlerMethod method) {
        RequiresRole onMethod = method.getMethodAnnotation(RequiresRole.class);
        if (onMethod != null) {
            return Optional.of(onMethod.value());
        }
        RequiresRole onType = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresRole.class);
        return Optional.ofNullable(onType).map(RequiresRole::value);
    }

    static Role required(HandlerMethod method) {
        return declared(method).orElseThrow(() -> new IllegalStateException("route " + method + " declares no role"));
    }
}
