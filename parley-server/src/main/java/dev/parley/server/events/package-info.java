/**
 * Seed 000's event store over REST ({@link EventsController}); the tenant comes from the caller's
 * credentials. Owns no collection.
 * <p>Uses (core): {@code TenantScope}, events, documents, fields, users ({@code Role}). Uses
 * (server): auth, web ({@code JsonReplies}).
 */
package dev.parley.server.events;
