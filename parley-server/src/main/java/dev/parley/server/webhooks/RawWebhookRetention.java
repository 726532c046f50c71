package dev.parley.server.webhooks;

import dev.parley.Parley;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes raw webhook payloads older than PARLEY_RAW_WEBHOOK_RETENTION_DAYS (default 30), hourly.
 * An in-app sweeper because the embedded server has no TTL monitor.
 */
@Component
class RawWebhookRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RawWebhookRetention.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "parley-raw-webhook-retention");
        thread.setDaemon(true);
        return thread;
    });

    RawWebhookRetention(Parley parley, @Value("${PARLEY_RAW_WEBHOOK_RETENTION_DAYS:30}") int days) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                long deleted = parley.rawWebhooks().deleteBefore(Instant.now().minus(Duration.ofDays(days)));
                if (deleted > 0) {
                    log.info("deleted {} raw webhook payloads older than {} days", deleted, days);
                }
            } catch (RuntimeException e) {
                log.warn("raw webhook retention sweep failed: {}", e.getMessage());
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
