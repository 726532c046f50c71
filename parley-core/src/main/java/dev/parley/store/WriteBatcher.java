package dev.parley.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import dev.parley.ConflictException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for single writes: requests that arrive while the previous batch is being written
 * are gathered into one unordered {@code bulkWrite} per collection and one durable flush, and each
 * caller is answered only after its own write is acknowledged and flushed. One slow round trip
 * then serves many requests, which is what makes durable writes cheap.
 *
 * <p>Writing and flushing are pipelined: the writer thread hands each written batch to the
 * flusher thread and goes on with the next batch, and the flusher makes everything handed to it
 * so far durable with one flush.
 */
final class WriteBatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteBatcher.class);
    private static final int MAX_BATCH = 2_000;
    private static final int DUPLICATE_KEY = 11000;

    private record Pending(MongoCollection<Document> collection, List<WriteModel<Document>> models,
                           CompletableFuture<Void> done) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Runnable awaitDurable;
    private final long timeoutMs;
    private final LinkedBlockingQueue<List<Pending>> written = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final Thread flusher;
    private volatile boolean running = true;

    WriteBatcher(Runnable awaitDurable, long timeoutMs) {
        this.awaitDurable = awaitDurable;
        this.timeoutMs = timeoutMs;
        this.worker = new Thread(this::run, "parley-write-batcher");
        worker.setDaemon(true);
        worker.start();
        this.flusher = new Thread(this::flushWritten, "parley-durable-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    /**
     * Writes {@code models} and waits until they are acknowledged and durable. If any of them
     * fails (e.g. a duplicate key) the caller gets that error; its other models may be written,
     * which is safe because Parley's writes are keyed and idempotent.
     */
    void write(MongoCollection<Document> collection, List<WriteModel<Document>> models) {
        if (models.isEmpty()) {
            return;
        }
        if (!running) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(collection, models, done));
        try {
            done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("write not acknowledged within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a write", e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime : new StoreUnavailableException(cause.getMessage(), cause);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int size = first.models.size();
                Pending next;
                while (size < MAX_BATCH && (next = queue.poll()) != null) {
                    batch.add(next);
                    size += next.models.size();
                }
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("write batch failed", e);
                batch.forEach(p -> p.done.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        Map<String, List<Pending>> byCollection = new LinkedHashMap<>();
        for (Pending p : batch) {
            byCollection.computeIfAbsent(p.collection.getNamespace().getFullName(), k -> new ArrayList<>()).add(p);
        }
        List<Pending> ok = new ArrayList<>();
        for (List<Pending> group : byCollection.values()) {
            ok.addAll(writeGroup(group));
        }
        if (!ok.isEmpty()) {
            written.add(ok);
        }
    }

    /** The flusher thread: one durable flush for every batch written since the previous one. */
    private void flushWritten() {
        List<Pending> batch = new ArrayList<>();
        while (worker.isAlive() || !written.isEmpty()) {
            try {
                List<Pending> first = written.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.addAll(first);
                List<List<Pending>> more = new ArrayList<>();
                written.drainTo(more);
                more.forEach(batch::addAll);
                flush(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<Pending> batch) {
        try {
            awaitDurable.run();
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done.completeExceptionally(
                    new StoreUnavailableException("write not made durable: " + e.getMessage(), e)));
            return;
        }
        batch.forEach(p -> p.done.complete(null));
    }

    /** Writes one collection's share; returns the requests whose writes all succeeded. */
    private List<Pending> writeGroup(List<Pending> group) {
        List<WriteModel<Document>> models = new ArrayList<>();
        int[] owner = new int[group.stream().mapToInt(p -> p.models.size()).sum()];
        for (int i = 0, at = 0; i < group.size(); i++) {
            for (WriteModel<Document> model : group.get(i).models) {
                models.add(model);
                owner[at++] = i;
            }
        }
        boolean[] failed = new boolean[group.size()];
        try {
            group.get(0).collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                int i = owner[error.getIndex()];
                if (!failed[i]) {
                    failed[i] = true;
                    group.get(i).done.completeExceptionally(error.getCode() == DUPLICATE_KEY
                            ? new ConflictException("a document with this key already exists")
                            : new StoreUnavailableException(error.getMessage(), e));
                }
            }
            if (e.getWriteConcernError() != null) {
                group.forEach(p -> p.done.completeExceptionally(
                        new StoreUnavailableException(e.getWriteConcernError().getMessage(), e)));
                return List.of();
            }
        } catch (RuntimeException e) {
            group.forEach(p -> p.done.completeExceptionally(e));
            return List.of();
        }
        List<Pending> ok = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (!failed[i]) {
                ok.add(group.get(i));
            }
        }
        return ok;
    }

    @Override
    public void close() {
        running = false;
        try {
            worker.join(10_000);
            flusher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
