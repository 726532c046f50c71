package dev.parley.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The combining group commit: callers take turns writing everyone's requests, each answered only once durable. */
class GroupCommitTest {

    @Test
    void everyRequestIsAnsweredOnlyAfterAFlushThatStartedAfterItsBatchWasWritten() throws Exception {
        AtomicLong written = new AtomicLong();
        AtomicLong flushedUpTo = new AtomicLong();
        AtomicInteger handlersAtOnce = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        GroupCommit<Long> commits = new GroupCommit<>("test", batch -> {
            if (handlersAtOnce.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            batches.incrementAndGet();
            sleep(1);
            batch.forEach(request -> request.result(written.incrementAndGet()));
            handlersAtOnce.decrementAndGet();
        }, value -> 1, 2_000, () -> {
            long seen = written.get();
            sleep(2);
            flushedUpTo.accumulateAndGet(seen, Math::max);
        }, 30_000, true);
        AtomicInteger early = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    long mine = (Long) commits.submit(1L);
                    if (flushedUpTo.get() < mine) {
                        early.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(early).as("answered before a flush covered the write").hasValue(0);
        assertThat(overlaps).as("two batches written at once").hasValue(0);
        assertThat(written).hasValue(800);
        assertThat(batches.get()).as("concurrent requests share batches").isLessThan(800 / 2);
    }

    /**
     * One caller's many requests (a round of logged deliveries) share batches up to the weight
     * limit, are all durable when the call returns, and a failed one fails only itself.
     */
    @Test
    void submitAllSharesBatchesAndReportsEachFailureOnItsOwn() {
        AtomicLong written = new AtomicLong();
        AtomicLong flushedUpTo = new AtomicLong();
        List<Integer> batchSizes = new ArrayList<>();
        GroupCommit<Integer> commits = new GroupCommit<>("test", batch -> {
            batchSizes.add(batch.size());
            batch.forEach(request -> {
                if (request.value() % 7 == 0) {
                    request.fail(new IllegalStateException("refused " + request.value()));
                } else {
                    written.incrementAndGet();
                }
            });
        }, value -> 1, 100, () -> flushedUpTo.set(written.get()), 30_000, true);
        List<Integer> values = new ArrayList<>();
        List<Companion> companions = new ArrayList<>();
        for (int i = 1; i <= 450; i++) {
            values.add(i);
            companions.add(null);
        }

        List<RuntimeException> failures = commits.submitAll(values, companions);

        assertThat(batchSizes).as("batches filled to the weight limit").containsExactly(100, 100, 100, 100, 50);
        assertThat(flushedUpTo.get()).as("durable before the call returned").isEqualTo(written.get()).isEqualTo(450 - 64);
        for (int i = 0; i < failures.size(); i++) {
            if (values.get(i) % 7 == 0) {
                assertThat(failures.get(i)).hasMessage("refused " + values.get(i));
            } else {
                assertThat(failures.get(i)).isNull();
            }
        }
    }

    @Test
    void aLoneRequestIsWrittenAndFlushedOnItsCallersThreadWithoutWaiting() {
        AtomicReference<Thread> handledOn = new AtomicReference<>();
        AtomicReference<Thread> flushedOn = new AtomicReference<>();
        GroupCommit<String> commits = new GroupCommit<>("test", batch -> {
            handledOn.set(Thread.currentThread());
            batch.forEach(request -> request.result(request.value().toUpperCase()));
        }, value -> 1, 10, () -> flushedOn.set(Thread.currentThread()), 30_000, true);

        long start = System.nanoTime();
        assertThat(commits.submit("one")).isEqualTo("ONE");

        assertThat(handledOn).hasValue(Thread.currentThread());
        assertThat(flushedOn).hasValue(Thread.currentThread());
        assertThat(System.nanoTime() - start).as("no timer between submit and answer").isLessThan(40_000_000L);
    }

    @Test
    void aFailedRequestFailsAloneAndAFailedFlushFailsItsBatch() {
        AtomicInteger flushes = new AtomicInteger();
        GroupCommit<String> commits = new GroupCommit<>("test", batch -> batch.forEach(request -> {
            if (request.value().equals("bad")) {
                request.fail(new IllegalArgumentException("refused"));
            }
        }), value -> 1, 10, () -> {
            if (flushes.incrementAndGet() == 2) {
                throw new IllegalStateException("disk full");
            }
        }, 30_000, true);

        assertThatThrownBy(() -> commits.submit("bad")).isInstanceOf(IllegalArgumentException.class).hasMessage("refused");
        assertThat(flushes).as("nothing written, nothing to flush").hasValue(0);
        commits.submit("good");
        assertThatThrownBy(() -> commits.submit("good")).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("disk full");
        commits.submit("good");
        assertThat(flushes).hasValue(3);
    }

    @Test
    void aClosedGroupCommitRefusesNewRequests() {
        GroupCommit<String> commits = new GroupCommit<>("test", batch -> { }, value -> 1, 10, () -> { }, 30_000, true);
        commits.close();

        assertThatThrownBy(() -> commits.submit("late")).isInstanceOf(StoreUnavailableException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
