/**
 * The audit log (seed 000's {@code log_action}) as a tamper-evident chain per tenant. Owns
 * {@code audit_logs} (keyed {@code <tenant>|<seq>}, gap-free {@code seq}, each entry's
 * {@code prev_hash} and HMAC {@code hash}) and {@code audit_heads} (the signed head). Entry types:
 * {@link AuditTrail} (log, read, {@code verify} against {@link AuditCheckpoint}s kept outside the
 * database), {@link AuditWriter} (appends by group commit, unforked without transactions) and
 * {@link SystemAudit}, the small interface other features record their own operations through. The
 * chain keys come from PARLEY_SECRET_KEY ({@link AuditKeys}) and never live in the database;
 * erasure seals entries ({@link AuditEraser}) instead of re-hashing them; retention
 * ({@link AuditRetention}) removes the oldest entries behind a signed checkpoint. {@link AuditTrail} is
 * handed one tenant's {@code TenantCollections}; {@link AuditWriter}, shared by every tenant, opens a
 * tenant's chain per append.
 * <p>Uses: store, erasure, fields, retention (implements {@code RetainedData}).
 */
package dev.parley.audit;
