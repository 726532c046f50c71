/**
 * What every request and answer goes through: RFC 9457 problem+json for every failure
 * ({@link ProblemHandler}, {@link Problems}, {@link ProblemWriter} outside Spring MVC,
 * {@link ProblemErrorController} for the container's errors), body limits and encodings
 * ({@link BodySizeLimitFilter}, {@link BodyEncodingFilter}, {@link JsonLimitsConfiguration}) and
 * security headers ({@link SecurityHeadersFilter}), and the mark of a route that takes no
 * credentials ({@link PublicRoute}). Owns no collection.
 * <p>Uses (core): the shared exceptions, documents ({@code JsonLimits}), imports, platform, store.
 * Uses (server): none: it is the base the other server packages build on ({@code ArchitectureTest}).
 */
package dev.parley.server.web;
