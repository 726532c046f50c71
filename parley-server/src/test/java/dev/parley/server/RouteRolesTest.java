package dev.parley.server;

import dev.parley.server.auth.RouteRoles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
}
