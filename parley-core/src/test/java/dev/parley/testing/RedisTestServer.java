package dev.parley.testing;

import dev.parley.platform.RedisServerProcess;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for tests. Where none is installed (a developer's laptop) the tests
 * that need it are skipped with a message; under CI ({@code CI=true}), where {@code .ci/run}
 * installs it, they fail instead.
 */
public final class RedisTestServer implements AutoCloseable {

    private final RedisServerProcess process;

    private RedisTestServer(RedisServerProcess process) {
        this.process = process;
    }

    public static RedisTestServer start() {
        if (RedisServerProcess.binary().isEmpty()) {
            String message = "redis-server is not installed (apt-get install redis-server); the Redis tests need a real one";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        return new RedisTestServer(RedisServerProcess.start());
    }

    public String url() {
        return process.url();
    }

    @Override
    public void close() {
        process.close();
    }
}
