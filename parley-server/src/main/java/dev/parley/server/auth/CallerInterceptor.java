package dev.parley.server.auth;

import dev.parley.Parley;
import dev.parley.audit.AuditActor;
import dev.parley.tenancy.TenantRegistry;
import dev.parley.platform.Platform;
import dev.parley.platform.PlatformUnavailableException;
import dev.parley.server.web.AuthenticationFailure;
import dev.parley.server.web.PlatformUnavailable;
import dev.parley.server.web.RateLimited;
import dev.parley.users.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import dev.parley.NotFoundException;

/**
 * Every {@code /api} request: who calls (an access token or an API key), in which tenant (the
 * credentials', or for a superadmin the one {@code X-Tenant-Id} names), and whether their role
 * allows the route. The credentials, never the body or the path, decide the tenant.
 */
@Component
class CallerInterceptor implements HandlerInterceptor {

    static final String TENANT_HEADER = "X-Tenant-Id";
    static final String ENDED = "the token was issued before the user's password or role changed, or the user was deleted; log in again";

    private final ApiKeyAuthenticator apiKeys;
    private final AccessTokens tokens;
    private final UserSessions sessions;
    private final Platform platform;
    private final Parley parley;

    CallerInterceptor(ApiKeyAuthenticator apiKeys, AccessTokens tokens, UserSessions sessions, Platform platform, Parley parley) {
        this.apiKeys = apiKeys;
        this.tokens = tokens;
        this.sessions = sessions;
        this.platform = platform;
        this.parley = parley;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || RouteRoles.isPublic(method)) {
            return true;
        }
        Caller caller = identify(Credentials.presented(request));
        caller = switchTenant(caller, request.getHeader(TENANT_HEADER));
        Role required = RouteRoles.required(method);
        if (!caller.role().atLeast(required)) {
            throw new AuthenticationFailure(HttpStatus.FORBIDDEN, "this route needs the " + required.wire() + " role; "
                    + (caller.isUser() ? "user " + caller.userId() + " is " + caller.role().wire() : "an API key is its tenant's admin"));
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        AuditActor.bind(actor(caller, Credentials.presented(request)));
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        AuditActor.clear();
    }

    /** The user, or the API key by its prefix (the public part the tenant's key list shows). */
    static AuditActor actor(Caller caller, String credentials) {
        return caller.isUser() ? new AuditActor("user", caller.userId(), caller.homeTenant())
                : new AuditActor("api_key", TenantRegistry.keyPrefix(credentials), caller.homeTenant());
    }

    /** The caller its credentials name; 401 when there are none or they are not valid. */
    Caller identify(String credentials) {
        if (credentials == null || credentials.isEmpty()) {
            throw new AuthenticationFailure(HttpStatus.UNAUTHORIZED,
                    "credentials are required: Authorization: Bearer <access token or API key>, or X-API-Key: <key>");
        }
        if (!AccessTokens.looksLikeToken(credentials)) {
            String tenant = apiKeys.tenantOf(credentials).orElseThrow(() ->
                    new AuthenticationFailure(HttpStatus.UNAUTHORIZED, "the API key is not valid or has been revoked"));
            return new Caller(tenant, tenant, null, Role.ADMIN, null, null, null);
        }
        AccessTokens.Claims claims = tokens.verify(credentials, AccessTokens.ACCESS).orElseThrow(() ->
                new AuthenticationFailure(HttpStatus.UNAUTHORIZED, "the access token is not valid or has expired; log in or refresh"));
        boolean revoked;
        try {
            revoked = platform.deniedTokens().isDenied(claims.digest());
        } catch (PlatformUnavailableException e) {
            throw new PlatformUnavailable("cannot check whether the token was revoked: " + e.getMessage());
        }
        if (revoked) {
            throw new AuthenticationFailure(HttpStatus.UNAUTHORIZED, "the access token has been revoked (logged out)");
        }
        UserSessions.Session session = sessions.get(claims.tenant(), claims.userId()).orElseThrow(() ->
                new AuthenticationFailure(HttpStatus.UNAUTHORIZED, "user " + claims.userId() + " no longer exists"));
        if (!session.epoch().equals(claims.sessionEpoch())) {
            throw new AuthenticationFailure(HttpStatus.UNAUTHORIZED, ENDED);
        }
        return new Caller(claims.tenant(), claims.tenant(), claims.userId(), session.role(), claims.digest(), claims.expiresAt(),
                session.quota());
    }

    private Caller switchTenant(Caller caller, String tenant) {
        if (tenant == null || tenant.isBlank() || tenant.equals(caller.tenant())) {
            return caller;
        }
        if (caller.role() != Role.SUPERADMIN) {
            throw new AuthenticationFailure(HttpStatus.FORBIDDEN, "only a superadmin may act in another tenant (" + TENANT_HEADER + ")");
        }
        if (parley.tenants().find(tenant).isEmpty()) {
            throw new NotFoundException("no tenant " + tenant);
        }
        return caller.actingIn(tenant);
    }
}
