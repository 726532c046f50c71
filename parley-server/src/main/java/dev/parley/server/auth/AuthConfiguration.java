package dev.parley.server.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Which routes need which credentials: operator routes under /api/v1/admin the admin key (or a
 * superadmin), the tenant API under /api a caller whose role the route allows; then rate limits.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebMvcConfigurer {

    static final String ADMIN_ROUTES = "/api/v1/admin/**";

    private final CallerInterceptor callers;
    private final AdminKeyInterceptor adminKeys;
    private final RateLimitInterceptor rateLimits;
    private final TenantScopeResolver tenantScopes;

    AuthConfiguration(CallerInterceptor callers, AdminKeyInterceptor adminKeys, RateLimitInterceptor rateLimits,
                      TenantScopeResolver tenantScopes) {
        this.callers = callers;
        this.adminKeys = adminKeys;
        this.rateLimits = rateLimits;
        this.tenantScopes = tenantScopes;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(adminKeys).addPathPatterns(ADMIN_ROUTES, "/mongodb-test");
        registry.addInterceptor(callers).addPathPatterns("/api/**").excludePathPatterns(ADMIN_ROUTES);
        registry.addInterceptor(rateLimits).addPathPatterns("/api/**").excludePathPatterns(ADMIN_ROUTES);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(tenantScopes);
    }
}
