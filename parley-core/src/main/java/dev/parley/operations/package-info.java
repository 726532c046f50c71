/**
 * Seed 000's batch operations ({@code log_campaign_execution}, {@code log_conversation_closed}):
 * an audit entry, a metric, an event and possibly a conversation's end, all-or-nothing from the
 * caller's view without transactions ({@link CompositeOperations}). Owns {@code operations}
 * ({@link OperationRecords}, {@code <tenant>|<kind>:<key>}): claimed with a lease, every write
 * conditional on {@code rev}, so a retry with the same idempotency key completes missing steps and
 * duplicates none.
 * <p>Uses: store, fields. Still reaches the facade ({@code TenantScope}) for conversations, audit,
 * analytics and events; issue 20 removes this.
 */
package dev.parley.operations;
