package dev.parley.platform;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.time.Duration;
import java.util.function.Function;

/**
 * Connections to one Redis database, opened on first use and again after a failed start: Lettuce
 * reconnects a connection it once had by itself, but Parley must also start while Redis is down
 * (readiness then says so) and use Redis once it comes up.
 */
final class RedisConnections implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** After a failed connect, calls fail at once for this long instead of each waiting out a timeout. */
    private static final long RECONNECT_PAUSE_NANOS = Duration.ofSeconds(1).toNanos();

    private final RedisClient client;
    private final RedisURI uri;
    private volatile StatefulRedisConnection<String, String> text;
    private volatile StatefulRedisConnection<String, byte[]> bytes;
    private volatile long failedAt;
    private volatile boolean failed;

    RedisConnections(String url, int database) {
        this.uri = RedisURI.create(url);
        this.uri.setDatabase(database);
        this.uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create();
    }

    StatefulRedisConnection<String, String> text() {
        StatefulRedisConnection<String, String> connection = text;
        if (connection == null) {
            synchronized (this) {
                if (text == null) {
                    text = connect(u -> client.connect(StringCodec.UTF8, u));
                }
                connection = text;
            }
        }
        return connection;
    }

    /** String keys, byte values: what Bucket4j stores its buckets with. */
    StatefulRedisConnection<String, byte[]> bytes() {
        StatefulRedisConnection<String, byte[]> connection = bytes;
        if (connection == null) {
            synchronized (this) {
                if (bytes == null) {
                    bytes = connect(u -> client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), u));
                }
                connection = bytes;
            }
        }
        return connection;
    }

    private <C> C connect(Function<RedisURI, C> connect) {
        if (failed && System.nanoTime() - failedAt < RECONNECT_PAUSE_NANOS) {
            throw new PlatformUnavailableException("Redis at " + uri.getHost() + ":" + uri.getPort()
                    + " did not answer the last connect; trying again shortly", null);
        }
        try {
            C connection = connect.apply(uri);
            failed = false;
            return connection;
        } catch (RuntimeException e) {
            failedAt = System.nanoTime();
            failed = true;
            throw new PlatformUnavailableException("Redis at " + uri.getHost() + ":" + uri.getPort() + " is not answering: "
                    + e.getMessage(), e);
        }
    }

    /** Runs a command; any Redis failure becomes {@link PlatformUnavailableException}. */
    <T> T call(Function<StatefulRedisConnection<String, String>, T> command) {
        try {
            return command.apply(text());
        } catch (PlatformUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PlatformUnavailableException("Redis command failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (text != null) {
            text.close();
        }
        if (bytes != null) {
            bytes.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
