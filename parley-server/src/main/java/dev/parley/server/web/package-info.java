/**
 * What every request and answer goes through: RFC 9457 problem+json for every failure
 * ({@link ProblemHandler}, {@link Problems}, {@link ProblemWriter} outside Spring MVC,
 * {@link ProblemErrorController} for the container's errors), body limits and encodings
 * ({@link BodySizeLimitFilter}, {@link BodyEncodingFilter}, {@link JsonLimitsConfiguration};
 * {@link WebSettings} holds the API's limit) and security headers ({@link SecurityHeadersFilter}),
 * the mark of a route that takes no credentials ({@link PublicRoute}), and stored documents as JSON answers ({@link JsonReplies}:
 * ISO-8601 UTC times plus {@code *_formatted} in the tenant's zone). Owns no collection.
 * <p>Uses (core): {@code TenantScope} (the tenant's zone), the shared exceptions, documents
 * ({@code JsonLimits}, {@code DocumentJson}), messages ({@code LocalTimes}), imports, platform,
 * store.
 * Uses (server): none: it is the base the other server packages build on ({@code ArchitectureTest}).
 */
package dev.parley.server.web;
