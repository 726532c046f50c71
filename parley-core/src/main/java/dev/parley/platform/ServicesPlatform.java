package dev.parley.platform;

/** What both platforms share: the five services, handed out as they were built. */
abstract class ServicesPlatform implements Platform {

    private final SessionCache sessions;
    private final TokenDenyList denied;
    private final QueryCache cache;
    private final RateLimiter rateLimiter;
    private final Locks locks;

    ServicesPlatform(SessionCache sessions, TokenDenyList denied, QueryCache cache, RateLimiter rateLimiter, Locks locks) {
        this.sessions = sessions;
        this.denied = denied;
        this.cache = cache;
        this.rateLimiter = rateLimiter;
        this.locks = locks;
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
}
