package dev.parley.platform;

import java.time.Clock;

/** The platform services of one process: right for a single instance. */
final class InProcessPlatform extends ServicesPlatform {

    InProcessPlatform(Clock clock) {
        super(new LocalSessions(clock), new LocalDenyList(clock), new LocalQueryCache(), new LocalRateLimiter(), new LocalLocks(clock));
    }

    @Override
    public PlatformHealth health() {
        return PlatformHealth.disabled();
    }

    @Override
    public String mode() {
        return "in-process";
    }

    @Override
    public void close() {
        // nothing outside the heap
    }
}
