package dev.parley.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class GroupSyncTest {

    @Test
    void everyCallerReturnsOnlyAfterAFlushThatStartedAfterItsWrite() throws Exception {
        AtomicLong writes = new AtomicLong();
        AtomicLong flushedUpTo = new AtomicLong();
        GroupSync sync = new GroupSync(() -> {
            long seen = writes.get();
            sleep(2);
            flushedUpTo.set(seen);
        });
        AtomicInteger violations = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    long mine = writes.incrementAndGet();
                    sync.await();
                    if (flushedUpTo.get() < mine) {
                        violations.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(violations).hasValue(0);
        // grouping: 800 awaits, far fewer flushes
        assertThat(sync.flushes()).isLessThan(800 / 2);
    }

    @Test
    void aFailedFlushIsRetriedByTheNextCaller() {
        AtomicInteger attempts = new AtomicInteger();
        GroupSync sync = new GroupSync(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });

        try {
            sync.await();
        } catch (IllegalStateException expected) {
            // the caller learns its write is not durable
        }
        sync.await();

        assertThat(attempts).hasValue(2);
        assertThat(sync.flushes()).isEqualTo(1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
