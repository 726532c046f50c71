/**
 * Seed 000's audit log over REST, with the chain's verification ({@link AuditController}); the
 * tenant comes from the caller's credentials. Owns no collection; entries are written and
 * verified by the core's audit.
 * <p>Uses (core): {@code TenantScope}, documents, fields, users ({@code Role}). Uses (server):
 * auth, web ({@code JsonReplies}).
 */
package dev.parley.server.audit;
