/**
 * Seed 001's generic document helpers over REST ({@link DocumentsController}), confined to the
 * caller's tenant: Extended JSON bodies and filters, plain JSON answers (or relaxed Extended JSON
 * for {@code Accept: application/ejson}), {@code sort} and {@code fields} parameters
 * ({@link QueryParameters}). The collections are the core's user collections ({@code u_} prefix).
 * <p>Uses (core): {@code TenantScope}, documents, fields, users ({@code Role}). Uses (server): auth.
 */
package dev.parley.server.documents;
