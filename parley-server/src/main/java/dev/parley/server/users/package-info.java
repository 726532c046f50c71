/**
 * Seed 003's user routes in its JSON shapes ({@link UsersController}): the signed-in user's own
 * profile, and admin routes on any user of the caller's tenant. The tenant's user list is cached
 * in the platform's query cache and dropped on every change. Owns no collection.
 * <p>Uses (core): the facade ({@code Parley} for {@code users()}, {@code TenantScope}), platform,
 * documents, users. Uses (server): auth ({@code Caller}, {@code UserSessions}), web
 * ({@code JsonReplies}). The controller still builds cache
 * keys and chains audited writes itself; issue 20 moves that logic out.
 */
package dev.parley.server.users;
