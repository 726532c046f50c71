/**
 * Scheduled backups ({@link BackupSchedule}): {@code PARLEY_BACKUP_CRON} (UTC; unset: off) writes
 * a gzipped backup under {@code PARLEY_BACKUP_DIR} and keeps the newest {@code PARLEY_BACKUP_KEEP},
 * through the core's {@code BackupRotation}, as {@link BackupSettings} reads them. One instance
 * takes each slot, by a platform lock.
 * <p>Uses (core): the facade ({@code Parley}, including its data directory),
 * backup, platform.
 */
package dev.parley.server.backup;
