package dev.parley.server.auth;

import dev.parley.server.web.AuthenticationFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Every tenant API request names its tenant by its key; the key, never the body or path, decides. */
@Component
class TenantKeyInterceptor implements HandlerInterceptor {

    static final String TENANT_ATTRIBUTE = "parley.tenant";

    private final ApiKeyAuthenticator authenticator;

    TenantKeyInterceptor(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String key = Credentials.presented(request);
        if (key == null || key.isEmpty()) {
            throw new AuthenticationFailure(HttpStatus.UNAUTHORIZED,
                    "an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>");
        }
        String tenant = authenticator.tenantOf(key).orElseThrow(() ->
                new AuthenticationFailure(HttpStatus.UNAUTHORIZED, "the API key is not valid or has been revoked"));
        request.setAttribute(TENANT_ATTRIBUTE, tenant);
        return true;
    }
}
