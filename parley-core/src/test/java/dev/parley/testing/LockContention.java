package dev.parley.testing;

import dev.parley.platform.Locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads taking turns at one lock, spread over the given lock services (one per instance): how
 * often two held it at once, and the fencing tokens in the order they were handed out.
 */
public final class LockContention {

    public record Outcome(int overlaps, List<Long> tokens) {
    }

    private LockContention() {
    }

    public static Outcome run(List<Locks> services, String name, int threads, int rounds) throws Exception {
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> contenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Locks locks = services.get(t % services.size());
                contenders.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        Locks.Lease lease = locks.tryAcquire(name, Duration.ofSeconds(10), Duration.ofSeconds(30)).orElseThrow();
                        if (holders.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        tokens.add(lease.fencingToken()); // added while held: the list is in acquisition order
                        holders.decrementAndGet();
                        if (!lease.release()) {
                            throw new IllegalStateException("a holder could not release its own lock");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> contender : contenders) {
                contender.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(overlaps.get(), List.copyOf(tokens));
    }
}
