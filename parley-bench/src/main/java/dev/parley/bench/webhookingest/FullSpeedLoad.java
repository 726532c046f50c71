package dev.parley.bench.webhookingest;

import dev.parley.bench.Throughput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed loop: {@code clients} threads each post one payload, wait for the answer, and post the
 * next, until the duration is up. Counts the events acknowledged within the duration: answers
 * still in flight at the end are checked but not counted, so a slow tail does not stretch the window.
 */
final class FullSpeedLoad {

    private FullSpeedLoad() {
    }

    static Throughput run(WebhookSender sender, StatusPayloads payloads, int clients, Duration duration)
            throws InterruptedException {
        AtomicLong events = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (System.nanoTime() < deadline[0]) {
                    StatusPayloads.Payload payload = payloads.next();
                    if (sender.send(payload) && System.nanoTime() <= deadline[0]) {
                        events.addAndGet(payload.events());
                    }
                }
            }, "webhook-client-" + i);
            thread.start();
            threads.add(thread);
        }
        deadline[0] = System.nanoTime() + duration.toNanos(); // published to the threads by the latch
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return new Throughput(events.get(), duration.toNanos());
    }
}
