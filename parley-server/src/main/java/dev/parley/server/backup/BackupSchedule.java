package dev.parley.server.backup;

import dev.parley.Parley;
import dev.parley.backup.BackupRotation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.parley.platform.Platform;

/**
 * Backups on a schedule: PARLEY_BACKUP_CRON (Spring cron, six fields, UTC; unset: off) writes a
 * gzipped backup under PARLEY_BACKUP_DIR (default {@code <data dir>/backups}) and keeps the newest
 * PARLEY_BACKUP_KEEP (default 7).
 */
@Component
class BackupSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "parley-backups");
        thread.setDaemon(true);
        return thread;
    });
    private final CronExpression cron;
    private final BackupRotation rotation;
    private final Platform platform;

    BackupSchedule(Parley parley, Platform platform, BackupSettings settings) {
        String cron = settings.cron();
        String dir = settings.dir();
        int keep = settings.keep();
        this.platform = platform;
        if (cron.isBlank()) {
            this.cron = null;
            this.rotation = null;
            return;
        }
        this.cron = CronExpression.parse(cron);
        Path root = dir.isBlank() ? parley.dataDir().resolve("backups") : Path.of(dir);
        this.rotation = new BackupRotation(parley.backups(), root, keep);
        log.info("backups on '{}' (UTC) into {}, keeping {}", cron, root, keep);
        scheduleNext();
    }

    private void scheduleNext() {
        ZonedDateTime next = cron.next(ZonedDateTime.now(ZoneOffset.UTC));
        if (next == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), next.toInstant()).toMillis());
        timer.schedule(() -> {
            try {
                // one backup per slot across instances: the slot's lock is left to lapse, never released
                if (platform.locks().tryAcquire("scheduled-backup:" + next.toInstant(), Duration.ofHours(1), Duration.ZERO).isEmpty()) {
                    log.info("backup of {} taken by another instance", next.toInstant());
                } else {
                    log.info("backup written to {}", rotation.run(Instant.now()));
                }
            } catch (RuntimeException e) {
                log.warn("scheduled backup failed: {}", e.getMessage());
            }
            scheduleNext();
        }, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
