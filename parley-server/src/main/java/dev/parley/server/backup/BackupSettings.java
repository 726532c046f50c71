package dev.parley.server.backup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduled backups: {@code PARLEY_BACKUP_CRON} (Spring cron, six fields, UTC; empty: off),
 * {@code PARLEY_BACKUP_DIR} (empty: {@code <data dir>/backups}) and {@code PARLEY_BACKUP_KEEP}.
 */
@ConfigurationProperties("parley.backup")
public record BackupSettings(@DefaultValue("") String cron, @DefaultValue("") String dir, @DefaultValue("7") int keep) {
}
