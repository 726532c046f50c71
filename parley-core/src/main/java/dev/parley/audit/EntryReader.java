package dev.parley.audit;

import dev.parley.store.StoreUnavailableException;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a query's documents on a thread of its own, so that the server producing the next batch
 * and the driver decoding it overlap with the caller's work on the previous one (a cursor alone
 * fetches a batch only when the last is used up).
 */
final class EntryReader implements AutoCloseable {

    private static final Object END = new Object();
    private static final long WAIT_SECONDS = 300;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(20_000);
    private final Thread reader;
    private volatile boolean closed;

    EntryReader(java.util.Iterator<? extends Map<String, Object>> documents) {
        reader = new Thread(() -> {
            try {
                while (documents.hasNext() && !closed) {
                    put(documents.next());
                }
                put(END);
            } catch (RuntimeException e) {
                put(e);
            } finally {
                if (documents instanceof AutoCloseable closeable) { // a cursor, or a pinned read of the store
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        // closing a read cannot lose anything
                    }
                }
            }
        }, "parley-audit-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void put(Object item) {
        try {
            while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // the caller is busy: wait for room unless it stopped reading
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next document, or null after the last. */
    @SuppressWarnings("unchecked")
    Map<String, Object> next() {
        try {
            Object item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (item == null) {
                throw new StoreUnavailableException("the audit log stopped answering for " + WAIT_SECONDS + " s", null);
            }
            if (item instanceof RuntimeException e) {
                throw e;
            }
            return item == END ? null : (Map<String, Object>) item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while reading the audit log", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
