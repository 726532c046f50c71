package dev.parley.server.retention;

import dev.parley.Parley;
import dev.parley.retention.SweepRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.parley.platform.Platform;
import java.time.Duration;

/**
 * Runs the retention sweeper every PARLEY_RETENTION_SWEEP_MINUTES (default 60; 0 turns it off),
 * because the embedded server has no TTL monitor.
 */
@Component
class RetentionSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "parley-retention");
        thread.setDaemon(true);
        return thread;
    });

    RetentionSchedule(Parley parley, Platform platform, RetentionSettings settings) {
        long minutes = settings.sweepMinutes();
        if (minutes <= 0) {
            log.info("retention sweeper off (PARLEY_RETENTION_SWEEP_MINUTES={})", minutes);
            return;
        }
        timer.scheduleWithFixedDelay(() -> {
            // one instance sweeps at a time; the others find the lock taken and wait for the next turn
            try (var lease = platform.locks().tryAcquire("retention-sweep", Duration.ofMinutes(minutes), Duration.ZERO)
                    .orElse(null)) {
                if (lease == null) {
                    log.debug("retention: another instance is sweeping");
                    return;
                }
                for (SweepRow row : parley.retentionSweeper().run(null, false)) {
                    if (row.deleted() > 0) {
                        log.info("retention: deleted {} {} of tenant {} older than {} days", row.deleted(), row.collection(),
                                row.tenant(), row.days());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("retention sweep failed: {}", e.getMessage());
            }
        }, 1, minutes, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
