package dev.parley.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Runs an expensive flush (commit + fsync) once for every write that asked for it while the
 * previous flush was in progress: group commit with a flusher thread of its own.
 *
 * <p>A writer {@linkplain #request() requests} a flush after its write; the flush that starts after
 * the request covers it. The flusher starts the next flush as soon as the previous one ends and
 * anything is waiting, never on a timer, so a lone writer waits one flush and concurrent writers
 * share one. Requests are futures, so a caller that must not block (the wire protocol server's
 * event loop) can answer when its flush is done; {@link #await()} blocks for the others, and a
 * blocking caller that finds no flush running and none requested flushes on its own thread
 * instead of handing the flush to the flusher and waiting to be woken (a lone write's latency is
 * then one flush, with no thread hand-off).
 */
final class GroupSync implements AutoCloseable {

    private final Runnable flush;
    private final Thread flusher;
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private long flushes;
    private boolean closed;
    /** True while a flush runs, on the flusher or on a caller's thread: one at a time. */
    private boolean flushing;

    GroupSync(Runnable flush) {
        this.flush = flush;
        this.flusher = new Thread(this::flushWhileRequested, "parley-durable-flush");
        flusher.setDaemon(true);
        flusher.start();
    }

    /** A future completed once everything written before this call is durable, failed if that flush failed. */
    CompletableFuture<Void> request() {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                durable.completeExceptionally(new StoreUnavailableException("the store is closed", null));
                return durable;
            }
            waiting.add(durable);
            notifyAll();
        }
        return durable;
    }

    /** Returns once everything written before this call is durable; throws what the flush threw. */
    void await() {
        if (flushHereIfIdle()) {
            return;
        }
        try {
            request().get();
        } catch (ExecutionException | CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new StoreUnavailableException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a durable commit", e);
        }
    }

    synchronized long flushes() {
        return flushes;
    }

    /** Flushes on this thread when nothing runs or waits; false when the flusher must be asked. */
    private boolean flushHereIfIdle() {
        synchronized (this) {
            if (closed || flushing || !waiting.isEmpty()) {
                return false;
            }
            flushing = true;
        }
        try {
            flush.run();
            synchronized (this) {
                flushes++;
            }
            return true;
        } finally {
            synchronized (this) {
                flushing = false;
                notifyAll(); // the flusher may have requests that came meanwhile
            }
        }
    }

    private void flushWhileRequested() {
        List<CompletableFuture<Void>> batch;
        while ((batch = nextBatch()) != null) {
            try {
                flush.run();
            } catch (RuntimeException e) {
                // these writes are not durable: their callers learn it; the next request flushes again
                finished();
                batch.forEach(durable -> durable.completeExceptionally(e));
                continue;
            }
            synchronized (this) {
                flushes++;
            }
            finished();
            batch.forEach(durable -> durable.complete(null));
        }
    }

    private synchronized void finished() {
        flushing = false;
        notifyAll();
    }

    /** Waits for requests (and for a caller's flush to end) and takes all of them; null once closed and nothing is left. */
    private synchronized List<CompletableFuture<Void>> nextBatch() {
        while ((waiting.isEmpty() || flushing) && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
        while (flushing) { // closing: let a caller's flush end first
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        if (waiting.isEmpty()) {
            return null;
        }
        List<CompletableFuture<Void>> batch = waiting;
        waiting = new ArrayList<>();
        flushing = true;
        return batch;
    }

    /** Flushes what was requested so far, then stops the flusher. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            flusher.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
