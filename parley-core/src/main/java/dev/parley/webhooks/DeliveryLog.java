package dev.parley.webhooks;

import dev.parley.store.StoreUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only file log of accepted deliveries: a record is durable once {@link #awaitDurable}
 * returns, and concurrent callers share one {@code fsync} (group commit: whoever syncs covers
 * everything appended before it started). Records are numbered from 1; once the store holds a
 * record's effects, {@link #applied} lets whole segments go. A crash leaves at most a torn last
 * record, which {@link #open} cuts off (its caller was never answered).
 *
 * <p>Layout: {@code <dir>/<first record number, 20 digits>.log} segments of
 * {@code [length:int][crc32c:int][bytes]} records, and {@code <dir>/applied}, the highest number
 * known applied (written without a sync: a stale one only means records are applied again, and
 * applying is idempotent).
 */
final class DeliveryLog implements AutoCloseable {

    static final long SEGMENT_BYTES = 16L << 20;
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 64 << 20;

    /** A record found at {@link #open} that is not known applied: its number and bytes. */
    record Unapplied(long seq, byte[] bytes) {
    }

    private record Segment(Path path, FileChannel channel, long firstSeq) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final Deque<Segment> retired = new ArrayDeque<>();
    private final AtomicLong synced = new AtomicLong();
    private final Object syncLock = new Object();
    private final List<Unapplied> unapplied;
    private final ByteBuffer direct = ByteBuffer.allocateDirect(256 << 10);
    private Segment current;
    private long size;
    private volatile long appended;
    private long applied;
    private long checkpointedAt;

    private DeliveryLog(Path dir, long segmentBytes) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        Files.createDirectories(dir);
        this.applied = readApplied();
        this.unapplied = new ArrayList<>();
        long last = applied;
        for (Path path : segments()) {
            long first = Long.parseLong(path.getFileName().toString().replace(".log", ""));
            long lastInSegment = readSegment(path, first);
            if (lastInSegment < first) { // empty: nothing to keep, and its name may be the next segment's
                Files.delete(path);
                continue;
            }
            last = Math.max(last, lastInSegment);
            retired.add(new Segment(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE), first));
        }
        this.appended = last;
        this.synced.set(last);
        this.current = newSegment(last + 1);
        dropApplied();
    }

    /** Opens (or creates) the log in {@code dir}; what it holds beyond the applied mark is in {@link #unapplied}. */
    static DeliveryLog open(Path dir) {
        return open(dir, SEGMENT_BYTES);
    }

    static DeliveryLog open(Path dir, long segmentBytes) {
        try {
            return new DeliveryLog(dir, segmentBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the delivery log in " + dir, e);
        }
    }

    /** The records a previous run appended and did not mark applied, oldest first. */
    List<Unapplied> unapplied() {
        return List.copyOf(unapplied);
    }

    /**
     * Appends {@code bytes} and returns its number, after handing the number to {@code appended}
     * under the same lock: whatever that does (queueing the record) happens in log order.
     */
    synchronized long append(byte[] bytes, LongConsumer appended) {
        // appends are serialised, so one direct buffer serves them all: a heap buffer would make
        // the JDK keep a direct copy per writing thread (dozens of request threads)
        ByteBuffer buffer = HEADER + bytes.length <= direct.capacity() ? direct.clear() : ByteBuffer.allocate(HEADER + bytes.length);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        buffer.putInt(bytes.length).putInt((int) crc.getValue()).put(bytes).flip();
        try {
            while (buffer.hasRemaining()) {
                current.channel.write(buffer);
            }
            size += HEADER + bytes.length;
            long seq = ++this.appended;
            appended.accept(seq);
            if (size >= segmentBytes) {
                roll(seq);
            }
            return seq;
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot append to the delivery log: " + e.getMessage(), e);
        }
    }

    /** Returns once record {@code seq} (and every one before it) would survive a crash. */
    void awaitDurable(long seq) {
        if (synced.get() >= seq) {
            return;
        }
        synchronized (syncLock) {
            if (synced.get() >= seq) {
                return;
            }
            long target;
            Segment segment;
            synchronized (this) {
                target = appended;
                segment = current;
            }
            try {
                segment.channel.force(false);
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot sync the delivery log: " + e.getMessage(), e);
            }
            synced.accumulateAndGet(target, Math::max);
        }
    }

    /** The number of the last record appended. */
    long lastAppended() {
        return appended;
    }

    /**
     * Marks every record up to {@code seq} applied: segments holding only such records are
     * deleted, and the mark is written at most every 100 ms (and whenever a segment goes).
     */
    synchronized void applied(long seq) {
        if (seq <= applied) {
            return;
        }
        applied = seq;
        boolean dropped = dropApplied();
        long now = System.nanoTime();
        if (dropped || now - checkpointedAt > 100_000_000L) {
            checkpointedAt = now;
            writeApplied();
        }
    }

    @Override
    public synchronized void close() {
        writeApplied();
        for (Segment segment : retired) {
            closeQuietly(segment);
        }
        closeQuietly(current);
    }

    private void roll(long lastSeq) throws IOException {
        current.channel.force(false);
        synced.accumulateAndGet(lastSeq, Math::max);
        retired.add(current);
        current = newSegment(lastSeq + 1);
    }

    private Segment newSegment(long firstSeq) throws IOException {
        Path path = dir.resolve(String.format("%020d.log", firstSeq));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        size = 0;
        return new Segment(path, channel, firstSeq);
    }

    /** Deletes retired segments whose every record is applied (the next segment starts at or below the mark + 1). */
    private boolean dropApplied() {
        boolean dropped = false;
        while (!retired.isEmpty()) {
            Segment oldest = retired.pollFirst();
            Segment next = retired.isEmpty() ? current : retired.peekFirst();
            if (next.firstSeq - 1 > applied) { // oldest still holds a record not applied
                retired.addFirst(oldest);
                break;
            }
            closeQuietly(oldest);
            try {
                Files.deleteIfExists(oldest.path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dropped = true;
        }
        return dropped;
    }

    /** Reads a segment's records into {@link #unapplied}, cutting a torn tail off; returns its last record number. */
    private long readSegment(Path path, long first) throws IOException {
        byte[] all = Files.readAllBytes(path);
        ByteBuffer buffer = ByteBuffer.wrap(all);
        long seq = first - 1;
        while (buffer.remaining() >= HEADER) {
            int start = buffer.position();
            int length = buffer.getInt();
            int crc = buffer.getInt();
            if (length < 0 || length > MAX_RECORD || length > buffer.remaining()) {
                buffer.position(start);
                break;
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            CRC32C check = new CRC32C();
            check.update(bytes);
            if ((int) check.getValue() != crc) {
                buffer.position(start);
                break;
            }
            seq++;
            if (seq > applied) {
                unapplied.add(new Unapplied(seq, bytes));
            }
        }
        if (buffer.position() < all.length) { // torn by a crash mid-append: never acknowledged
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(buffer.position());
                channel.force(true);
            }
        }
        return seq;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.log")).sorted().toList();
        }
    }

    private long readApplied() throws IOException {
        Path mark = dir.resolve("applied");
        if (!Files.exists(mark)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(mark).trim());
        } catch (NumberFormatException e) {
            return 0; // unreadable: apply everything kept again (idempotent)
        }
    }

    private void writeApplied() {
        try {
            Path temp = dir.resolve("applied.tmp");
            Files.writeString(temp, Long.toString(applied), StandardCharsets.US_ASCII);
            Files.move(temp, dir.resolve("applied"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the mark is an optimisation: without it, kept records are applied again
        }
    }

    private static void closeQuietly(Segment segment) {
        try {
            segment.channel.close();
        } catch (IOException e) {
            // closing a log segment that is being dropped or at shutdown
        }
    }
}
