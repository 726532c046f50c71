/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs} ({@link ApiDocsConfiguration}): springdoc
 * generates paths from the controllers and {@link RouteDocs} completes them from
 * {@code apidocs/parley-api.yaml}, keyed by route, with each route's declared role, problem+json
 * errors and allowed values read from the code ({@link Vocabularies}). A route without an entry,
 * or an entry without a route, fails the document.
 * <p>Uses (core): {@code TenantScope} (hidden from parameters), analytics, audit, conversations,
 * imports, messages, users (for allowed values). Uses (server): auth ({@code Caller},
 * {@code RouteRoles}).
 */
package dev.parley.server.apidocs;
