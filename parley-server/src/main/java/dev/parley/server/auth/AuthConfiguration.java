package dev.parley.server.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Which routes need which key: tenant API under /api, operator routes under /api/v1/admin. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebMvcConfigurer {

    static final String ADMIN_ROUTES = "/api/v1/admin/**";

    private final TenantKeyInterceptor tenantKeys;
    private final AdminKeyInterceptor adminKeys;
    private final TenantScopeResolver tenantScopes;

    AuthConfiguration(TenantKeyInterceptor tenantKeys, AdminKeyInterceptor adminKeys, TenantScopeResolver tenantScopes) {
        this.tenantKeys = tenantKeys;
        this.adminKeys = adminKeys;
        this.tenantScopes = tenantScopes;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(adminKeys).addPathPatterns(ADMIN_ROUTES, "/mongodb-test");
        registry.addInterceptor(tenantKeys).addPathPatterns("/api/**").excludePathPatterns(ADMIN_ROUTES);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(tenantScopes);
    }
}
