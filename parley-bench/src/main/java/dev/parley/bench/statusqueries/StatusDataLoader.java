package dev.parley.bench.statusqueries;

import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.MessageDocuments;
import dev.parley.messages.Messages;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs one tenant's messages through {@code messages().logAll} (1,000 a call, several threads, as
 * the history benchmark loads), each with its status, so the writer keeps the status index as it
 * would in production. Statuses: 20 % sent, 30 % delivered, 45 % read, 5 % failed; one message a
 * second of a month, the conversations interleaved.
 */
final class StatusDataLoader {

    static final int THREADS = 8;
    static final Instant FIRST = Instant.parse("2025-11-01T00:00:00Z");

    private StatusDataLoader() {
    }

    static String status(int sequence) {
        int bucket = Math.floorMod(sequence * 7919, 100);
        return bucket < 20 ? "sent" : bucket < 50 ? "delivered" : bucket < 95 ? "read" : "failed";
    }

    /** Returns the nanoseconds the load took. */
    static long load(Messages messages, int total, int conversations) throws InterruptedException {
        int batches = (total + Messages.MAX_BATCH - 1) / Messages.MAX_BATCH;
        AtomicInteger next = new AtomicInteger();
        AtomicLong logged = new AtomicLong();
        long tenth = Math.max(1, total / 10);
        long start = System.nanoTime();
        ConcurrentLoad.run(THREADS, batches, () -> {
            int from = next.getAndIncrement() * Messages.MAX_BATCH;
            List<Document> batch = new ArrayList<>(Messages.MAX_BATCH);
            for (int sequence = from; sequence < Math.min(total, from + Messages.MAX_BATCH); sequence++) {
                batch.add(new Document("message_id", "wamid.bench" + sequence)
                        .append("conversation_id", "9665" + String.format(Locale.ROOT, "%08d", sequence % conversations))
                        .append("content", MessageDocuments.sentence())
                        .append("status", status(sequence))
                        .append("created_at", Date.from(FIRST.plusSeconds(sequence * 2L))));
            }
            messages.logAll(batch);
            long before = logged.getAndAdd(batch.size());
            if ((before + batch.size()) / tenth > before / tenth) {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf(Locale.ROOT, "  status-queries: %,d of %,d messages logged in %.0f s (%,.0f msgs/s)%n",
                        before + batch.size(), total, seconds, (before + batch.size()) / seconds);
            }
        });
        return System.nanoTime() - start;
    }
}
