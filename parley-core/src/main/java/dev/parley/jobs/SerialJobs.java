package dev.parley.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Background jobs of one kind, run one at a time per process on a daemon thread of their own:
 * long jobs that read or write a whole tenant's data (imports, contact exports), where a second
 * one in parallel would only compete with live traffic for the store. A job that fails is logged;
 * it records its own outcome.
 */
public class SerialJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SerialJobs.class);

    private final String kind;
    private final ExecutorService executor;

    protected SerialJobs(String threadName, String kind) {
        this.kind = kind;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void submit(String jobId, Runnable job) {
        executor.execute(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.error("{} {} failed", kind, jobId, e);
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
