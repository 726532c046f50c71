package dev.parley.store;

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
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Group commit for any kind of write: requests that arrive while the previous batch is being
 * processed are handed to {@code handler} together, and each caller is answered only after its
 * batch is written and made durable. One slow round trip then serves many requests.
 *
 * <p>Processing and flushing are pipelined: the worker thread hands each processed batch to the
 * flusher thread and goes on with the next one; the flusher makes everything handed to it so far
 * durable with one flush.
 *
 * @param <T> what a caller submits
 */
public final class GroupCommit<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** One submitted request; the handler may fail it or give it a result. */
    public static final class Request<T> {

        private final T value;
        private final CompletableFuture<Object> done = new CompletableFuture<>();
        private RuntimeException failure;
        private Object result;
        private boolean answered;

        private Request(T value) {
            this.value = value;
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

    private final LinkedBlockingQueue<Request<T>> queue = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<List<Request<T>>> processed = new LinkedBlockingQueue<>();
    private final Consumer<List<Request<T>>> handler;
    private final ToIntFunction<T> weight;
    private final int maxWeight;
    private final Runnable awaitDurable;
    private final long timeoutMs;
    private final Thread worker;
    private final Thread flusher;
    private final boolean grouped;
    private volatile boolean running = true;

    /**
     * @param grouped false runs every request on its own, in its caller's thread, with its own
     *                flush: the naive baseline that benchmarks compare against (PARLEY_GROUP_COMMIT=false)
     */
    private final String name;

    GroupCommit(String name, Consumer<List<Request<T>>> handler, ToIntFunction<T> weight, int maxWeight,
                Runnable awaitDurable, long timeoutMs, boolean grouped) {
        this.name = name;
        this.grouped = grouped;
        this.handler = handler;
        this.weight = weight;
        this.maxWeight = maxWeight;
        this.awaitDurable = awaitDurable;
        this.timeoutMs = timeoutMs;
        this.worker = daemon(this::process, "parley-" + name);
        this.flusher = daemon(this::flushProcessed, "parley-" + name + "-flush");
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Submits {@code value} and waits until it is written and durable; returns the handler's result. */
    public Object submit(T value) {
        if (!running) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        Request<T> request = new Request<>(value);
        if (!grouped) {
            handle(List.of(request));
            flush(List.of(request));
            return join(request);
        }
        queue.add(request);
        return join(request);
    }

    private Object join(Request<T> request) {
        try {
            return request.done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new StoreUnavailableException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("write not acknowledged within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a write", e);
        }
    }

    private void process() {
        List<Request<T>> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Request<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int total = weight.applyAsInt(first.value);
                Request<T> next;
                while (total < maxWeight && (next = queue.poll()) != null) {
                    batch.add(next);
                    total += weight.applyAsInt(next.value);
                }
                handle(new ArrayList<>(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void handle(List<Request<T>> batch) {
        long start = System.nanoTime();
        try {
            handler.accept(batch);
            dev.parley.meters.ParleyMeters.commit(name, batch.size(), System.nanoTime() - start);
        } catch (RuntimeException e) {
            log.warn("write batch failed: {}", e.getMessage());
            batch.forEach(r -> r.fail(e));
        }
        List<Request<T>> ok = new ArrayList<>(batch.size());
        for (Request<T> request : batch) {
            if (request.failed()) {
                request.done.completeExceptionally(request.failure);
            } else {
                ok.add(request);
            }
        }
        if (!ok.isEmpty()) {
            processed.add(ok);
        }
    }

    /** The flusher thread: one durable flush for every batch processed since the previous one. */
    private void flushProcessed() {
        List<Request<T>> batch = new ArrayList<>();
        while (worker.isAlive() || !processed.isEmpty()) {
            try {
                List<Request<T>> first = processed.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.addAll(first);
                List<List<Request<T>>> more = new ArrayList<>();
                processed.drainTo(more);
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

    private void flush(List<Request<T>> batch) {
        try {
            awaitDurable.run();
        } catch (RuntimeException e) {
            batch.forEach(r -> r.done.completeExceptionally(
                    new StoreUnavailableException("write not made durable: " + e.getMessage(), e)));
            return;
        }
        batch.forEach(r -> r.done.complete(r.result));
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
