/**
 * Seed 000's batch operations over REST ({@link OperationsController}), idempotent under an
 * {@code Idempotency-Key} header: a repeat answers 200 with the same ids and
 * {@code Idempotent-Replayed: true}; a retry after a failure completes what is missing. Owns no
 * collection.
 * <p>Uses (core): {@code TenantScope}, operations, documents, users ({@code Role}). Uses (server):
 * auth, web ({@code JsonReplies}).
 */
package dev.parley.server.operations;
