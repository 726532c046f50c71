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

/** Lets controllers take a {@link TenantScope} (the tenant the caller acts in) or the {@link Caller} itself. */
@Component
class TenantScopeResolver implements HandlerMethodArgumentResolver {

    private final Parley parley;

    TenantScopeResolver(Parley parley) {
        this.parley = parley;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == TenantScope.class || parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                  NativeWebRequest request, WebDataBinderFactory binders) {
        Caller caller = (Caller) request.getNativeRequest(HttpServletRequest.class).getAttribute(Caller.ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("route takes a TenantScope or Caller but is not behind the caller check");
        }
        return parameter.getParameterType() == Caller.class ? caller : parley.tenant(caller.tenant());
    }
}
