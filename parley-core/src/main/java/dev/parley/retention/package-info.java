/**
 * Tenants' retention policies and legal holds, and the sweeper that applies them (the embedded
 * server has no TTL monitor). Owns {@code retention_policies} (one document per tenant, cached for
 * the write paths that stamp {@code expire_at}; every change audited). Entry types:
 * {@link RetentionPolicies}, {@link RetentionPolicy}, {@link RetentionSweeper} (bounded batches,
 * nothing under a legal hold, every deletion audited).
 * <p>Uses: store, audit, tenancy, webhooks ({@code RawWebhooks}), meters, fields. Still reaches the
 * facade ({@code Parley}) for tenants, audit, messages and raw webhooks, and deletes from and
 * updates other features' collections itself ({@link RetainedCollection} names them;
 * {@code clearHeld} does not bump {@code rev} on messages); issue 20 turns this into a contract
 * each owning feature implements.
 */
package dev.parley.retention;
