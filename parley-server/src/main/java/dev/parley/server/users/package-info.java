/**
 * Seed 003's user routes in its JSON shapes ({@link UsersController}): the signed-in user's own
 * profile, and admin routes on any user of the caller's tenant. {@link UserProfiles} does what
 * the routes ask: a tenant's users through {@code TenantScope.users()}, the tenant's user list
 * in the platform's query cache, and after every change the user's cached session and the
 * cached list dropped. Owns no collection.
 * <p>Uses (core): the facade ({@code Parley} for the caller's home tenant and the user indexes,
 * {@code TenantScope}), platform, documents, users ({@code TenantUsers}, {@code Role}). Uses
 * (server): auth ({@code Caller}, {@code UserSessions}), web ({@code JsonReplies}).
 */
package dev.parley.server.users;
