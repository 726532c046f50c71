/**
 * Scheduled backups: {@link BackupRotation} writes a gzipped backup into a UTC-dated directory and
 * deletes the oldest such directories beyond {@code keep} (only directories named that way). Owns
 * no collection. The backup and restore logic itself (mongodump layout, tenant rewriting) still lives
 * in {@code Parley}; issue 20 moves it here.
 * <p>Uses: no feature package. Still reaches the facade ({@code Parley}) to run the backup; issue
 * 20 removes this.
 */
package dev.parley.backup;
