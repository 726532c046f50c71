package dev.parley.bench.statusqueries;

import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.MessageDocuments;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores one tenant's messages as Parley's writer leaves them after one status each (the fields
 * of {@code MessageState}), with durable {@code insertMany} of 1,000 from several threads, as a
 * restore or the store-write benchmark writes: logging a million through the writer takes far
 * longer on a shared machine. The embedded server keeps its ordered indexes as they arrive. Statuses: 20 % sent, 30 %
 * delivered, 45 % read, 5 % failed; a message every 20 ms, the conversations interleaved.
 */
final class StatusDataLoader {

    static final int THREADS = 4;
    static final int BATCH = 1_000;
    /** A campaign-heavy tenant: 50 messages a second (1M over 5.6 hours). */
    static final int SPACING_MILLIS = 20;
    static final Instant FIRST = Instant.parse("2025-11-01T00:00:00Z");

    private StatusDataLoader() {
    }

    static String status(int sequence) {
        int bucket = Math.floorMod(sequence * 7919, 100);
        return bucket < 20 ? "sent" : bucket < 50 ? "delivered" : bucket < 95 ? "read" : "failed";
    }

    /** Returns the nanoseconds the load took. */
    static long load(ScopedCollection messages, int total, int conversations) throws InterruptedException {
        int batches = (total + BATCH - 1) / BATCH;
        AtomicInteger next = new AtomicInteger();
        AtomicLong stored = new AtomicLong();
        long tenth = Math.max(1, total / 10);
        long start = System.nanoTime();
        ConcurrentLoad.run(THREADS, batches, () -> {
            int from = next.getAndIncrement() * BATCH;
            List<Document> batch = new ArrayList<>(BATCH);
            for (int sequence = from; sequence < Math.min(total, from + BATCH); sequence++) {
                batch.add(message(messages, sequence, conversations));
            }
            messages.insertAll(batch);
            long before = stored.getAndAdd(batch.size());
            if ((before + batch.size()) / tenth > before / tenth) {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf(Locale.ROOT, "  status-queries: %,d of %,d messages stored in %.0f s (%,.0f msgs/s)%n",
                        before + batch.size(), total, seconds, (before + batch.size()) / seconds);
            }
        });
        return System.nanoTime() - start;
    }

    private static Document message(ScopedCollection messages, int sequence, int conversations) {
        String id = "wamid.bench" + sequence;
        Date at = Date.from(FIRST.plusMillis(sequence * (long) SPACING_MILLIS));
        Date updated = Date.from(FIRST.plusMillis(sequence * (long) SPACING_MILLIS + 5_000));
        String status = status(sequence);
        return new Document("_id", messages.key(id)).append("message_id", id)
                .append("conversation_id", "9665" + String.format(Locale.ROOT, "%08d", sequence % conversations))
                .append("content", MessageDocuments.sentence()).append("message_type", "text")
                .append("direction", "outbound").append("sender_type", "agent").append("role", "assistant")
                .append("created_at", at).append("body_logged", true)
                .append("status_history", List.of(new Document("status", status).append("timestamp", at)
                        .append("execution_id", null).append("source", "log")))
                .append("status_count", 1).append("status", status).append("latest_timestamp", at)
                .append("stored_at", at).append("first_seen_at", at).append("last_updated_at", updated)
                .append("updated_at", updated).append("rev", 1L);
    }
}
