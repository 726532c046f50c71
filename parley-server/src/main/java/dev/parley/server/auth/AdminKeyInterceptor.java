package dev.parley.server.auth;

import dev.parley.audit.AuditActor;
import dev.parley.server.web.AuthenticationFailure;
import dev.parley.users.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Operator routes: allowed with PARLEY_ADMIN_KEY (compared in constant time) or a superadmin's
 * access token, the one cross-tenant role.
 */
@Component
class AdminKeyInterceptor implements HandlerInterceptor {

    private static final AuditActor OPERATOR = new AuditActor("operator", "admin_key", null);

    private final byte[] adminKey;
    private final CallerInterceptor callers;

    AdminKeyInterceptor(AuthSettings settings, CallerInterceptor callers) {
        this.adminKey = settings.adminKey().isBlank() ? null : settings.adminKey().getBytes(StandardCharsets.UTF_8);
        this.callers = callers;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String key = Credentials.presented(request);
        if (key == null || key.isEmpty()) {
            throw new AuthenticationFailure(HttpStatus.UNAUTHORIZED, "the admin key or a superadmin's token is required for this route");
        }
        if (AccessTokens.looksLikeToken(key)) {
            Caller caller = callers.identify(key);
            if (caller.role() != Role.SUPERADMIN) {
                throw new AuthenticationFailure(HttpStatus.FORBIDDEN, "operator routes need the superadmin role or the admin key");
            }
            request.setAttribute(Caller.ATTRIBUTE, caller);
            AuditActor.bind(CallerInterceptor.actor(caller, key));
            return true;
        }
        if (adminKey == null) {
            throw new AuthenticationFailure(HttpStatus.FORBIDDEN, "admin routes are disabled: set PARLEY_ADMIN_KEY");
        }
        if (!MessageDigest.isEqual(adminKey, key.getBytes(StandardCharsets.UTF_8))) {
            throw new AuthenticationFailure(HttpStatus.FORBIDDEN, "this route needs the admin key");
        }
        AuditActor.bind(OPERATOR);
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        AuditActor.clear();
    }
}
