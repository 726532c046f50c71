package dev.parley.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Decides which process serves a data directory. The first process to lock {@code parley.lock}
 * owns the H2 files and publishes the port of its embedded server in {@code mongo.port}; every
 * other process (a CLI command beside a running server) connects to that port instead. The OS
 * drops the lock when the owner dies, even on {@code kill -9}, so a stale port file is harmless.
 */
final class DataDirectoryLease implements AutoCloseable {

    static final String LOCK_FILE = "parley.lock";
    static final String PORT_FILE = "mongo.port";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLease(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lease when this process may own {@code dir}, empty when another process owns it. */
    static Optional<DataDirectoryLease> tryAcquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        Files.deleteIfExists(dir.resolve(PORT_FILE)); // left by an owner that died; never valid now
        return Optional.of(new DataDirectoryLease(dir, channel, lock));
    }

    void publishPort(int port) throws IOException {
        Path tmp = dir.resolve(PORT_FILE + ".tmp");
        Files.writeString(tmp, Integer.toString(port), StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve(PORT_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The port the owner published, waiting briefly in case it is still starting up. */
    static int ownerPort(Path dir, long waitMs) throws IOException {
        Path file = dir.resolve(PORT_FILE);
        long deadline = System.currentTimeMillis() + waitMs;
        while (true) {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!text.isEmpty()) {
                    return Integer.parseInt(text);
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("data directory " + dir + " is locked by another process that has not"
                        + " published its port in " + file);
            }
            sleep(100);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(dir.resolve(PORT_FILE));
        } finally {
            lock.release();
            channel.close();
        }
    }
}
