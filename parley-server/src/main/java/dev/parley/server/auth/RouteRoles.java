package dev.parley.server.auth;

import dev.parley.users.Role;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import java.util.Optional;

/** What a route declares: its {@link RequiresRole} (method first, then controller), or {@link PublicRoute}. */
public final class RouteRoles {

    private RouteRoles() {
    }

    public static boolean isPublic(HandlerMethod method) {
        return method.hasMethodAnnotation(PublicRoute.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PublicRoute.class) && !method.hasMethodAnnotation(RequiresRole.class);
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
