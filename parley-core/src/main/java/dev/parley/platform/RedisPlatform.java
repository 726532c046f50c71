package dev.parley.platform;

/** The platform services on Redis: seed 003's cache database for the query cache, its application database for the rest. */
final class RedisPlatform implements Platform {

    static final String PREFIX = "parley:";

    private final RedisConnections cacheDb;
    private final RedisConnections appDb;
    private final SessionCache sessions;
    private final TokenDenyList denied;
    private final QueryCache cache;
    private final RateLimiter rateLimiter;
    private final Locks locks;

    RedisPlatform(PlatformConfig config) {
        this.cacheDb = new RedisConnections(config.redisUrl(), config.cacheDatabase());
        this.appDb = new RedisConnections(config.redisUrl(), config.appDatabase());
        this.sessions = new RedisSessions(appDb);
        this.denied = new RedisDenyList(appDb);
        this.cache = new RedisQueryCache(cacheDb);
        this.rateLimiter = new RedisRateLimiter(appDb, config.rateLimitFailOpen());
        this.locks = new RedisLocks(appDb);
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
        long start = System.nanoTime();
        try {
            appDb.call(c -> c.sync().ping());
            return new PlatformHealth("healthy", "Redis answered PING", (System.nanoTime() - start) / 1e6);
        } catch (PlatformUnavailableException e) {
            return new PlatformHealth("unhealthy", e.getMessage(), null);
        }
    }

    @Override
    public String mode() {
        return "redis";
    }

    @Override
    public void close() {
        cacheDb.close();
        appDb.close();
    }
}
