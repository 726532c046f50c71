package dev.parley.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import dev.parley.meters.ParleyMeters;

/**
 * Group commit for any kind of write: requests that arrive while the previous batch is being
 * written are handed to {@code handler} together, and each caller is answered only after its
 * batch is written and made durable. One slow round trip then serves many requests.
 *
 * <p>There are no threads of its own: callers take two turns. The <em>write turn</em> goes to a
 * caller that finds nobody writing: it takes every request queued so far (its own among them),
 * writes them and passes the turn to the next queued caller. The <em>flush turn</em> goes to a
 * caller that finds written batches and nobody flushing: it makes them durable with one flush
 * ({@code awaitDurable}) and answers every request in them, then flushes again at once if more
 * batches were written meanwhile (up to {@value #FLUSHES_PER_TURN} times, then it passes the turn
 * on). So a lone request is written, flushed and answered on its own thread, with no hand-off and
 * no wait for a batch to fill; under load, batches are written while the previous ones are
 * flushed, flushes run back to back, and each holds everything written meanwhile (PostgreSQL's
 * group commit, Kafka's linger 0).
 *
 * <p>A request may carry {@linkplain Companion companion writes} to other collections (e.g. the
 * raw webhook body its effects came from): they are written in one bulk write per collection after
 * the handler, for the requests it did not fail, and are durable with the same flush.
 *
 * @param <T> what a caller submits
 */
public final class GroupCommit<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** Waiting callers look again this often even without a wake-up; only a safety net. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Flushes one caller makes in a row before passing the flush turn on (its own answer waits for them). */
    static final int FLUSHES_PER_TURN = 4;

    /** One submitted request; the handler may fail it or give it a result. */
    public static final class Request<T> {

        private final T value;
        private final Companion companion;
        private final Thread caller = Thread.currentThread();
        private volatile boolean done;
        private RuntimeException failure;
        private Object result;
        private boolean answered;

        private Request(T value, Companion companion) {
            this.value = value;
            this.companion = companion;
        }

        public T value() {
            return value;
        }

        public void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }

        public boolean failed() {
            return failure != null;
        }

        public void result(Object value) {
            this.result = value;
            this.answered = true;
        }

        Companion companion() {
            return companion;
        }

        private void finish(RuntimeException error) {
            if (error != null) {
                failure = error;
            }
            done = true; // publishes failure and result to the caller
            LockSupport.unpark(caller);
        }
    }

    /**
     * Hands a batch to {@code handler} one group per key (e.g. per tenant), in arrival order. A
     * group whose handler throws fails only its own requests that it had not answered yet: those
     * it gave a result were written, and are made durable and acknowledged like the other groups'.
     */
    public static <T> void perGroup(List<Request<T>> requests, Function<T, String> key,
                                    BiConsumer<String, List<Request<T>>> handler) {
        Map<String, List<Request<T>>> groups = new LinkedHashMap<>();
        for (Request<T> request : requests) {
            groups.computeIfAbsent(key.apply(request.value), k -> new ArrayList<>()).add(request);
        }
        groups.forEach((name, group) -> {
            try {
                handler.accept(name, group);
            } catch (RuntimeException e) {
                group.stream().filter(request -> !request.answered).forEach(request -> request.fail(e));
            }
        });
    }

    private final ConcurrentLinkedQueue<Request<T>> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<List<Request<T>>> written = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Consumer<List<Request<T>>> handler;
    private final ToIntFunction<T> weight;
    private final int maxWeight;
    private final Runnable awaitDurable;
    private final long timeoutMs;
    private final boolean grouped;
    private final String name;
    private volatile boolean running = true;

    /**
     * @param grouped false runs every request on its own, in its caller's thread, with its own
     *                flush: the naive baseline that benchmarks compare against (PARLEY_GROUP_COMMIT=false)
     */
    GroupCommit(String name, Consumer<List<Request<T>>> handler, ToIntFunction<T> weight, int maxWeight,
                Runnable awaitDurable, long timeoutMs, boolean grouped) {
        this.name = name;
        this.grouped = grouped;
        this.handler = handler;
        this.weight = weight;
        this.maxWeight = maxWeight;
        this.awaitDurable = awaitDurable;
        this.timeoutMs = timeoutMs;
    }

    /** Submits {@code value} and waits until it is written and durable; returns the handler's result. */
    public Object submit(T value) {
        return submit(value, null);
    }

    /**
     * Submits {@code value} with writes to other collections that must be durable with it (null
     * for none); returns once all of it is written and durable.
     */
    public Object submit(T value, Companion companion) {
        if (!running) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        Request<T> request = new Request<>(value, companion);
        if (!grouped) {
            writeAlone(request);
            return answer(request);
        }
        queue.add(request);
        awaitDone(request);
        return answer(request);
    }

    /**
     * Submits every value at once, each with its companion (the lists are parallel; a companion
     * may be null), so they share batches instead of taking one each; returns once all are written
     * and durable, with each one's failure (null where it was written).
     */
    public List<RuntimeException> submitAll(List<T> values, List<Companion> companions) {
        if (!running) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        List<Request<T>> requests = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            requests.add(new Request<>(values.get(i), companions.get(i)));
        }
        if (!grouped) {
            requests.forEach(this::writeAlone);
        } else {
            queue.addAll(requests);
            for (Request<T> request : requests) {
                awaitDone(request);
            }
        }
        List<RuntimeException> failures = new ArrayList<>(requests.size());
        requests.forEach(request -> failures.add(request.failure));
        return failures;
    }

    /** The naive baseline: {@code request} written and flushed on its own, on its caller's thread. */
    private void writeAlone(Request<T> request) {
        List<Request<T>> alone = List.of(request);
        handle(alone);
        flush(alone);
    }

    /** Takes write and flush turns until {@code request} is written and durable. */
    private void awaitDone(Request<T> request) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!request.done) {
            if (!queue.isEmpty() && writing.compareAndSet(false, true)) {
                writeTurn();
                continue;
            }
            if (!written.isEmpty() && flushing.compareAndSet(false, true)) {
                flushTurn();
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new StoreUnavailableException("write not acknowledged within " + timeoutMs + " ms", null);
            }
            LockSupport.parkNanos(this, RECHECK_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while waiting for a write", null);
            }
        }
    }

    /** Writes what is queued, then passes the write turn to the next queued caller. */
    private void writeTurn() {
        try {
            List<Request<T>> batch = drain();
            if (!batch.isEmpty()) {
                handle(batch);
                written.add(batch);
            }
        } finally {
            writing.set(false);
        }
        wake(queue.peek()); // its turn: it writes while this batch is flushed
    }

    /**
     * Makes every written batch durable with one flush and answers their requests; flushes again
     * while more were written meanwhile, then passes the flush turn on.
     */
    private void flushTurn() {
        try {
            for (int flush = 0; flush < FLUSHES_PER_TURN; flush++) {
                List<Request<T>> batch = new ArrayList<>();
                for (List<Request<T>> next; (next = written.poll()) != null; ) {
                    batch.addAll(next);
                }
                if (batch.isEmpty()) {
                    break;
                }
                flush(batch);
            }
        } finally {
            flushing.set(false);
        }
        List<Request<T>> waiting = written.peek();
        wake(waiting == null ? null : waiting.get(0));
    }

    private static void wake(Request<?> request) {
        if (request != null) {
            LockSupport.unpark(request.caller);
        }
    }

    /** Everything queued, up to {@code maxWeight} (at least one request). */
    private List<Request<T>> drain() {
        List<Request<T>> batch = new ArrayList<>();
        int total = 0;
        Request<T> next;
        while (total < maxWeight && (next = queue.poll()) != null) {
            batch.add(next);
            total += weight.applyAsInt(next.value);
        }
        return batch;
    }

    private Object answer(Request<T> request) {
        if (request.failure != null) {
            throw request.failure;
        }
        return request.result;
    }

    private void handle(List<Request<T>> batch) {
        long start = System.nanoTime();
        try {
            handler.accept(batch);
            Companion.writeAll(batch.stream().filter(r -> !r.failed() && r.companion != null).toList(), Request::companion,
                    Request::fail);
            ParleyMeters.commit(name, batch.size(), System.nanoTime() - start);
        } catch (RuntimeException e) {
            log.warn("write batch failed: {}", e.getMessage());
            batch.forEach(r -> r.fail(e));
        }
    }

    /** Makes the batch durable, then answers each request: its failure, or its result. */
    private void flush(List<Request<T>> batch) {
        RuntimeException notDurable = null;
        if (batch.stream().anyMatch(r -> !r.failed())) {
            try {
                awaitDurable.run();
            } catch (RuntimeException e) {
                notDurable = new StoreUnavailableException("write not made durable: " + e.getMessage(), e);
            }
        }
        for (Request<T> request : batch) {
            request.finish(request.failed() ? null : notDurable);
        }
    }

    /** Refuses new requests; those already submitted are still written and flushed by their callers. */
    @Override
    public void close() {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((!queue.isEmpty() || !written.isEmpty() || writing.get() || flushing.get()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
