package dev.parley.server.auth;

import dev.parley.Parley;
import dev.parley.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets controllers take a {@link TenantScope} parameter: the tenant of the request's key. */
@Component
class TenantScopeResolver implements HandlerMethodArgumentResolver {

    private final Parley parley;

    TenantScopeResolver(Parley parley) {
        this.parley = parley;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == TenantScope.class;
    }

    @Override
    public TenantScope resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                       NativeWebRequest request, WebDataBinderFactory binders) {
        Object tenant = request.getNativeRequest(HttpServletRequest.class).getAttribute(TenantKeyInterceptor.TENANT_ATTRIBUTE);
        if (tenant == null) {
            throw new IllegalStateException("route takes a TenantScope but is not behind the tenant key check");
        }
        return parley.tenant((String) tenant);
    }
}
