package dev.parley.platform;

/** The platform services on Redis: seed 003's cache database for the query cache, its application database for the rest. */
final class RedisPlatform extends ServicesPlatform {

    static final String PREFIX = "parley:";

    private final RedisConnections cacheDb;
    private final RedisConnections appDb;

    RedisPlatform(PlatformConfig config) {
        this(new RedisConnections(config.redisUrl(), config.cacheDatabase()), new RedisConnections(config.redisUrl(), config.appDatabase()),
                config.rateLimitFailOpen());
    }

    private RedisPlatform(RedisConnections cacheDb, RedisConnections appDb, boolean failOpen) {
        super(new RedisSessions(appDb), new RedisDenyList(appDb), new RedisQueryCache(cacheDb), new RedisRateLimiter(appDb, failOpen),
                new RedisLocks(appDb));
        this.cacheDb = cacheDb;
        this.appDb = appDb;
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
