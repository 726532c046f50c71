/**
 * Who calls and what they may do. {@link CallerInterceptor} resolves every {@code /api} request to
 * a {@link Caller} (an access token or an API key; the credentials, never the body or path, decide
 * the tenant), checks the route's {@link RequiresRole} or {@code PublicRoute} (web), and
 * {@link TenantScopeResolver} hands controllers the caller's {@code TenantScope}. Also owns
 * login and refresh tokens ({@link AuthController}, {@link AccessTokens}: HS256 JWTs keyed from
 * PARLEY_SECRET_KEY), session caching ({@link UserSessions}), the operator key
 * ({@link AdminKeyInterceptor}) and rate limits and log quotas ({@link RateLimitInterceptor},
 * {@link LogQuota}); the operator key, token lifetimes and rate budgets are {@link AuthSettings}.
 * Owns no collection.
 * <p>Uses (core): the facade ({@code Parley}, {@code TenantScope}), tenancy, users, platform,
 * audit ({@code AuditActor}), documents, meters. Uses (server): web (its failures and
 * {@code PublicRoute}); web uses no server package ({@code ArchitectureTest}).
 */
package dev.parley.server.auth;
