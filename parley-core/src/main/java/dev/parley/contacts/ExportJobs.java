package dev.parley.contacts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs contact exports in the background, one at a time per process: an export reads whole
 * collections of a tenant, and two at once would only compete with live traffic for the store.
 */
public final class ExportJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExportJobs.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "parley-contact-exports");
        thread.setDaemon(true);
        return thread;
    });

    void submit(String exportId, Runnable job) {
        executor.execute(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.error("contact export {} failed", exportId, e);
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
