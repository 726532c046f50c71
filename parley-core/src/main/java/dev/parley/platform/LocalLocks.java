package dev.parley.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Locks of this process, with the same leases and fencing tokens as on Redis. */
final class LocalLocks implements Locks {

    private record Holder(long token, Instant until) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Holder> held = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> fences = new ConcurrentHashMap<>();

    LocalLocks(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Lease> tryAcquire(String name, Duration lease, Duration wait) {
        return LockWaits.retry(wait, () -> acquireOnce(name, lease));
    }

    private Optional<Lease> acquireOnce(String name, Duration lease) {
        long[] token = {0};
        held.compute(name, (n, current) -> {
            if (current != null && current.until().isAfter(clock.instant())) {
                return current;
            }
            token[0] = fences.computeIfAbsent(n, k -> new AtomicLong()).incrementAndGet();
            return new Holder(token[0], clock.instant().plus(lease));
        });
        return token[0] == 0 ? Optional.empty() : Optional.of(new LocalLease(name, token[0]));
    }

    private final class LocalLease extends HeldLease {

        LocalLease(String name, long token) {
            super(name, token);
        }

        @Override
        public boolean isHeld() {
            Holder holder = held.get(name());
            return holder != null && holder.token() == fencingToken() && holder.until().isAfter(clock.instant());
        }

        @Override
        public boolean extend(Duration lease) {
            boolean[] extended = {false};
            held.computeIfPresent(name(), (n, holder) -> {
                if (holder.token() == fencingToken() && holder.until().isAfter(clock.instant())) {
                    extended[0] = true;
                    return new Holder(fencingToken(), clock.instant().plus(lease));
                }
                return holder;
            });
            return extended[0];
        }

        @Override
        public boolean release() {
            boolean[] released = {false};
            held.computeIfPresent(name(), (n, holder) -> {
                if (holder.token() == fencingToken()) {
                    released[0] = true;
                    return null;
                }
                return holder;
            });
            return released[0];
        }
    }
}
