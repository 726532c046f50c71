package dev.parley.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs import jobs in the background, one at a time per process: an import already writes in
 * batches of 1,000 as fast as the store takes them, so a second one in parallel would only slow
 * live traffic down. Jobs still queued when the process stops stay {@code pending}.
 */
public final class ImportJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "parley-imports");
        thread.setDaemon(true);
        return thread;
    });

    void submit(String uploadId, Runnable job) {
        executor.execute(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.error("import {} failed", uploadId, e);
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
