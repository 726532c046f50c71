/**
 * Operators manage tenants and rotate their API keys over REST with the admin key
 * ({@link AdminTenantsController}), in the same JSON as the CLI. Owns no collection.
 * <p>Uses (core): tenancy, users ({@code Role}). Uses (server): auth ({@code ApiKeyAuthenticator},
 * to forget a rotated key at once).
 */
package dev.parley.server.tenancy;
