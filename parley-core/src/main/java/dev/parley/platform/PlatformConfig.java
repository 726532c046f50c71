package dev.parley.platform;

import java.net.URI;
import java.util.function.Function;

/**
 * Where the shared services live: Redis when {@code REDIS_URL} (or seed 003's
 * {@code REDIS_HOST}/{@code REDIS_PORT}) is set, this process otherwise. Seed 003 splits Redis by
 * database: the query cache in DB 1, the application's own keys (sessions, revoked tokens, rate
 * limits, locks) in DB 2.
 *
 * @param redisUrl          {@code redis://[user:password@]host:port}, or null for in-process services
 * @param cacheDatabase     Redis database of the query cache
 * @param appDatabase       Redis database of sessions, revoked tokens, rate limits and locks
 * @param rateLimitFailOpen when Redis cannot answer, let requests through (true) or refuse them with 503
 */
public record PlatformConfig(String redisUrl, int cacheDatabase, int appDatabase, boolean rateLimitFailOpen) {

    public static final PlatformConfig IN_PROCESS = new PlatformConfig(null, 1, 2, true);

    public static PlatformConfig fromEnvironment() {
        return from(System::getenv);
    }

    public static PlatformConfig from(Function<String, String> get) {
        String url = blankToNull(get.apply("REDIS_URL"));
        String host = blankToNull(get.apply("REDIS_HOST"));
        if (url == null && host != null) {
            String port = blankToNull(get.apply("REDIS_PORT"));
            url = "redis://" + host + ":" + (port == null ? "6379" : port);
        }
        if (url != null) {
            URI.create(url); // a malformed URL fails at start, not at the first request
        }
        String failure = blankToNull(get.apply("PARLEY_RATE_LIMIT_FAILURE"));
        if (failure != null && !failure.equals("open") && !failure.equals("closed")) {
            throw new IllegalArgumentException("PARLEY_RATE_LIMIT_FAILURE must be open or closed, not " + failure);
        }
        return new PlatformConfig(url, intValue(get, "PARLEY_REDIS_CACHE_DB", 1), intValue(get, "PARLEY_REDIS_APP_DB", 2),
                !"closed".equals(failure));
    }

    public boolean usesRedis() {
        return redisUrl != null;
    }

    private static int intValue(Function<String, String> get, String name, int fallback) {
        String value = blankToNull(get.apply(name));
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not " + value, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The URL without its password, for logs. */
    public String redactedUrl() {
        return redisUrl == null ? "none" : redisUrl.replaceAll("//[^@/]*@", "//***@");
    }
}
