package dev.parley.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * Mutual exclusion across Parley instances. A lock is held for a lease and then lapses, so a
 * holder that dies does not block the others for ever; every acquisition gets a fencing token
 * larger than all before it, so a holder that was paused past its lease can have its late writes
 * refused (the store keeps the largest token it has seen and refuses smaller ones).
 */
public interface Locks {

    /** Tries for up to {@code wait} to take {@code name} for {@code lease}; empty when another holds it. */
    Optional<Lease> tryAcquire(String name, Duration lease, Duration wait);

    /** A held lock. */
    interface Lease extends AutoCloseable {

        String name();

        /** Larger than the token of every earlier acquisition of this lock. */
        long fencingToken();

        /** Whether this holder still holds the lock (its lease has not lapsed to another). */
        boolean isHeld();

        /** Extends the lease, if still held. */
        boolean extend(Duration lease);

        /** Releases the lock if this holder still holds it; another holder's lock is never touched. */
        boolean release();

        @Override
        default void close() {
            release();
        }
    }
}
