/**
 * Backups and restores ({@link Backups}): mongodump's layout, everything or one tenant, restored
 * optionally into another tenant ({@link TenantRewrite}: keys and tenant fields rewritten; the
 * audit chain and the erasure log, bound to their tenant, not copied; the erasure log never
 * dropped). After a restore, each tenant restored has its erasure log re-applied, its cached audit
 * chain head forgotten and the restore audited ({@link RestoredTenants}, which the root implements),
 * so a backup taken before an erasure never brings the person back ({@link Restored} says what was
 * done). Scheduled backups: {@link BackupRotation} writes a gzipped backup into a UTC-dated
 * directory and deletes the oldest such directories beyond {@code keep} (only directories named
 * that way). Owns no collection.
 * <p>Uses: store ({@code MongoDump}, the tenant field and key layout), contacts (the erasure log's
 * collections, {@code ErasureReapply.Outcome}), audit ({@code SystemAudit} entries).
 */
package dev.parley.backup;
