package dev.parley.platform;

import java.time.Clock;

/** The platform services of one process: right for a single instance. */
final class InProcessPlatform implements Platform {

    private final LocalSessions sessions;
    private final LocalDenyList denied;
    private final LocalQueryCache cache;
    private final LocalRateLimiter rateLimiter = new LocalRateLimiter();
    private final LocalLocks locks;

    InProcessPlatform(Clock clock) {
        this.sessions = new LocalSessions(clock);
        this.denied = new LocalDenyList(clock);
        this.cache = new LocalQueryCache();
        this.locks = new LocalLocks(clock);
    }

    @Override
    public SessionCache sessions() {
        return sessions;
    }

    @Override
    public TokenDenyList deniedTokens() {
        return denied;
    }

    @Override
    public QueryCache queryCache() {
        return cache;
    }

    @Override
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    @Override
    public Locks locks() {
        return locks;
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
