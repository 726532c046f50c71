/**
 * Tenants' retention policies and legal holds, and the sweeper that applies them (the embedded
 * server has no TTL monitor). Owns {@code retention_policies} (one document per tenant, cached for
 * the write paths that stamp {@code expire_at}; every change audited) and nothing else: each
 * feature that keeps documents under a policy implements {@link RetainedData} for its own
 * collections (how they are dated, deleted in bounded batches with its before-delete work, kept
 * for a held conversation, cleared of {@code expire_at} under its own write rules), and retention
 * asks. Entry types: {@link RetentionPolicies}, {@link RetentionPolicy}, {@link RetainedCollection}
 * (the policy's entries and default days), {@link RetentionSweeper} (every owner in the policy's
 * order, nothing under a legal hold, every deletion audited) and {@link ExpiredDocuments} (the
 * owners' batched deletion).
 * <p>Uses: store, meters, fields. Its collaborators are its own small interfaces, implemented by
 * the features and wired by the root: {@link RetainedData}, {@link RetentionAudit},
 * {@link RetentionSweeper.TenantIds}. It depends on no feature whose collections it expires
 * (ArchitectureTest.retentionAsksFeaturesInsteadOfReachingIn).
 */
package dev.parley.retention;
