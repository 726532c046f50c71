/**
 * The tenant's retention policy over REST ({@link RetentionController}: days kept per collection
 * and legal holds; changes audited), and the sweeper on a schedule ({@link RetentionSchedule}:
 * every {@code PARLEY_RETENTION_SWEEP_MINUTES} of {@link RetentionSettings}, one instance at a
 * time by a platform lock). Owns no collection.
 * <p>Uses (core): the facade ({@code Parley} for the sweeper, {@code TenantScope}), retention,
 * platform, documents, users ({@code Role}). Uses (server): auth, web ({@code JsonReplies}).
 */
package dev.parley.server.retention;
