package dev.parley.server.auth;

import dev.parley.server.web.PublicRoute;
import dev.parley.Parley;
import dev.parley.documents.DocumentJson;
import dev.parley.InvalidInputException;
import dev.parley.platform.Platform;
import dev.parley.platform.RateDecision;
import dev.parley.server.web.AuthenticationFailure;
import dev.parley.server.web.RateLimited;
import dev.parley.users.Account;
import dev.parley.users.Role;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Optional;

/**
 * Login with a password for a short-lived access token and a refresh token; refresh (the old
 * refresh token is revoked: each is good once); logout (the access token, and the refresh token
 * when given, go on the deny list until they expire). API keys keep working for machines.
 */
@RestController
class AuthController {

    /** Wrong passwords per user before a pause, whatever address they come from. */
    private static final long LOGIN_ATTEMPTS = 10;
    private static final Duration LOGIN_WINDOW = Duration.ofMinutes(15);

    private final Parley parley;
    private final AccessTokens tokens;
    private final Platform platform;

    AuthController(Parley parley, AccessTokens tokens, Platform platform) {
        this.parley = parley;
        this.tokens = tokens;
        this.platform = platform;
    }

    /** {@code {"tenant_id": "acme", "user_id": "maya", "password": "…"}} ({@code organization_id} accepted for the tenant). */
    @PublicRoute
    @PostMapping(path = {"/api/v1/auth/login", "/api/v1/auth/login/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> login(@RequestBody String body) {
        Document input = DocumentJson.requireObject(body);
        String tenant = text(input, "tenant_id", input.get("organization_id"));
        String userId = text(input, "user_id", null);
        String password = text(input, "password", null);
        String failures = "login-user:" + tenant + "|" + userId;
        RateDecision attempts = platform.rateLimiter().peek(failures, LOGIN_ATTEMPTS, LOGIN_WINDOW);
        if (!attempts.allowed() && !attempts.degraded()) {
            throw new RateLimited("too many failed logins for this user; retry in " + attempts.retryAfterSeconds() + " s", attempts);
        }
        Optional<Account> user = parley.users().authenticate(tenant, userId, password);
        if (user.isEmpty()) {
            platform.rateLimiter().tryConsume(failures, LOGIN_ATTEMPTS, LOGIN_WINDOW, 1);
            throw new AuthenticationFailure(HttpStatus.UNAUTHORIZED, "tenant, user or password is wrong");
        }
        return issued(tokens.issue(tenant, userId, user.get().sessionEpoch()), user.get().profile());
    }

    /** {@code {"refresh_token": "…"}} → a new pair; the refresh token given is spent. */
    @PublicRoute
    @PostMapping(path = {"/api/v1/auth/refresh", "/api/v1/auth/refresh/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> refresh(@RequestBody String body) {
        String refresh = text(DocumentJson.requireObject(body), "refresh_token", null);
        AccessTokens.Claims claims = tokens.verify(refresh, AccessTokens.REFRESH)
                .filter(c -> !platform.deniedTokens().isDenied(c.digest()))
                .orElseThrow(() -> new AuthenticationFailure(HttpStatus.UNAUTHORIZED, "the refresh token is not valid, expired or already used"));
        Account user = parley.users().account(claims.tenant(), claims.userId())
                .orElseThrow(() -> new AuthenticationFailure(HttpStatus.UNAUTHORIZED, "user " + claims.userId() + " no longer exists"));
        if (!user.sessionEpoch().equals(claims.sessionEpoch())) {
            throw new AuthenticationFailure(HttpStatus.UNAUTHORIZED, CallerInterceptor.ENDED);
        }
        platform.deniedTokens().deny(claims.digest(), claims.expiresAt());
        return issued(tokens.issue(claims.tenant(), claims.userId(), user.sessionEpoch()), user.profile());
    }

    /** Revokes the access token presented (and {@code refresh_token} from the body, if any): 204. */
    @RequiresRole(value = Role.VIEWER, ownAccountOnly = true)
    @PostMapping(path = {"/api/v1/auth/logout", "/api/v1/auth/logout/"})
    ResponseEntity<Void> logout(Caller caller, @RequestBody(required = false) String body) {
        if (!caller.isUser()) {
            throw new InvalidInputException("Authorization", "logout takes an access token; API keys are revoked by rotating them");
        }
        platform.deniedTokens().deny(caller.tokenDigest(), caller.expiresAt());
        if (body != null && !body.isBlank()) {
            Object refresh = DocumentJson.requireObject(body).get("refresh_token");
            if (refresh instanceof String token) {
                tokens.verify(token, AccessTokens.REFRESH).ifPresent(c -> platform.deniedTokens().deny(c.digest(), c.expiresAt()));
            }
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<String> issued(AccessTokens.Issued issued, Document user) {
        Document reply = new Document("access_token", issued.accessToken()).append("refresh_token", issued.refreshToken())
                .append("token_type", "Bearer").append("expires_in", issued.expiresIn())
                .append("refresh_expires_in", issued.refreshExpiresIn()).append("user", user);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(DocumentJson.write(reply));
    }

    private static String text(Document input, String field, Object fallback) {
        Object value = input.get(field) != null ? input.get(field) : fallback;
        if (value instanceof Number n) {
            value = String.valueOf(n.longValue());
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return text;
    }
}
