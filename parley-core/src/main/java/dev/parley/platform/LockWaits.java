package dev.parley.platform;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Retries a lock attempt with short jittered sleeps until it succeeds or the wait is over. */
final class LockWaits {

    private LockWaits() {
    }

    static <T> Optional<T> retry(Duration wait, Supplier<Optional<T>> attempt) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<T> got = attempt.get();
            if (got.isPresent() || System.nanoTime() >= deadline) {
                return got;
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
