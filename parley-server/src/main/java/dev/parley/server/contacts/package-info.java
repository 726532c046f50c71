/**
 * The people a tenant talks to over REST ({@link ContactsController}): list, read with their
 * conversations, merge, add identifiers, export and erase (GDPR 17 / PDPL). Owns no collection.
 * <p>Uses (core): {@code TenantScope}, documents, users ({@code Role}). Uses (server): auth,
 * web ({@code JsonReplies}).
 */
package dev.parley.server.contacts;
