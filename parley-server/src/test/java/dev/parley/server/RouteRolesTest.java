package dev.parley.server;

import dev.parley.server.auth.RequiresRole;
import dev.parley.server.auth.RouteRoles;
import dev.parley.users.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route declares the role it needs, or that it is public: none is left to a default. */
class RouteRolesTest extends ServerTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteDeclaresItsRole() {
        List<String> undeclared = new ArrayList<>();
        int routes = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod method = route.getValue();
            if (!method.getBeanType().getPackageName().startsWith("dev.parley")) {
                continue;
            }
            routes++;
            if (!RouteRoles.isPublic(method) && RouteRoles.declared(method).isEmpty()) {
                undeclared.add(route.getKey() + " -> " + method);
            }
        }
        assertThat(routes).isGreaterThan(50);
        assertThat(undeclared).isEmpty();
    }

    /**
     * Issue 18: {@code DELETE /api/v1/messages/{id}} inherited its controller's viewer role. A
     * write (POST, PUT, PATCH, DELETE) declares its role on the method itself, and that role is
     * admin or above, unless the route acts only on the caller's own account (a short, known list).
     */
    @Test
    void everyWriteRouteDeclaresAdminOnTheMethodItself() {
        List<String> wrong = new ArrayList<>();
        List<String> ownAccount = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod method = route.getValue();
            Set<RequestMethod> verbs = route.getKey().getMethodsCondition().getMethods();
            if (!method.getBeanType().getPackageName().startsWith("dev.parley") || RouteRoles.isPublic(method)
                    || verbs.stream().noneMatch(WRITES::contains) && !verbs.isEmpty()) {
                continue;
            }
            RequiresRole declared = method.getMethodAnnotation(RequiresRole.class);
            if (declared == null) {
                wrong.add("declares no role on the method (inherits its controller's): " + route.getKey());
            } else if (declared.ownAccountOnly()) {
                ownAccount.add(route.getKey().getPatternValues().stream().min(Comparator.comparing(String::length)).orElseThrow());
            } else if (!declared.value().atLeast(Role.ADMIN)) {
                wrong.add("a write that a " + declared.value().wire() + " may call: " + route.getKey());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(ownAccount).containsExactlyInAnyOrder("/api/v1/auth/logout", "/api/v1/users/profile");
    }

    private static final Set<RequestMethod> WRITES = EnumSet.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);
}
