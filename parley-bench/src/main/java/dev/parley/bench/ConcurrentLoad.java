package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Simulates {@code clients} callers that each have one request in flight at a time, as server
 * request threads do, sharing a fixed number of requests between them.
 */
public final class ConcurrentLoad {

    /** One request; it must not return before the request is complete. */
    public interface Request {
        void send() throws Exception;
    }

    private ConcurrentLoad() {
    }

    /** Sends {@code requests} requests of one document each; times from first start to last finish. */
    public static Throughput run(int clients, int requests, Request request) throws InterruptedException {
        AtomicInteger remaining = new AtomicInteger(requests);
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                awaitQuietly(start);
                try {
                    while (failure.get() == null && remaining.getAndDecrement() > 0) {
                        request.send();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-client-" + i);
            thread.start();
            threads.add(thread);
        }
        long startNanos = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Throughput result = Throughput.since(startNanos, requests);
        if (failure.get() != null) {
            throw new IllegalStateException("a client request failed: " + failure.get().getMessage(), failure.get());
        }
        return result;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
