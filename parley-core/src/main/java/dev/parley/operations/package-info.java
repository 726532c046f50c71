/**
 * Seed 000's batch operations ({@code log_campaign_execution}, {@code log_conversation_closed}):
 * an audit entry, a metric, an event and possibly a conversation's end, all-or-nothing from the
 * caller's view without transactions ({@link CompositeOperations}). Owns {@code operations}
 * ({@link OperationRecords}, {@code <tenant>|<kind>:<key>}): claimed with a lease, every write
 * conditional on {@code rev}, so a retry with the same idempotency key completes missing steps and
 * duplicates none.
 * <p>Uses: store, fields. The conversation's end, the audit entry, the metric and the event are
 * written through {@link OperationSteps}, which the root implements over the features that own
 * them.
 */
package dev.parley.operations;
