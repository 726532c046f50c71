package dev.parley.server.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Which routes need which credentials: operator routes under /api/v1/admin the admin key (or a
 * superadmin), the tenant API under /api a caller whose role the route allows; then rate limits.
 * The API description (/v3/api-docs, /swagger-ui.html) is public wherever springdoc serves it.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebMvcConfigurer {

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
        registry.addInterceptor(adminKeys).addPathPatterns(RouteRoles.OPERATOR_ROUTES);
        registry.addInterceptor(callers).addPathPatterns("/api/**").excludePathPatterns(RouteRoles.ADMIN_API).excludePathPatterns(RouteRoles.API_DOCS);
        registry.addInterceptor(rateLimits).addPathPatterns("/api/**").excludePathPatterns(RouteRoles.ADMIN_API).excludePathPatterns(RouteRoles.API_DOCS);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(tenantScopes);
    }
}
