package dev.parley.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code redis-server} from the PATH, on a free loopback port, saving nothing to
 * disk: for tests and benchmarks that need a real Redis, never for production.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private RedisServerProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The {@code redis-server} on the PATH, if any. */
    public static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static RedisServerProcess start() {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("redis-server is not installed (apt-get install redis-server)"));
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("parley-redis-");
            Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            RedisServerProcess server = new RedisServerProcess(process, port, dir);
            server.awaitListening(Duration.ofSeconds(10));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server", e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        throw new IllegalStateException("redis-server did not start on port " + port + " (log in " + dir + ")");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
