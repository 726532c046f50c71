package dev.parley.bench.history;

import dev.parley.Parley;
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
 * Loads a layout through Parley's public write path: {@code messages().logAll} in batches of up
 * to 1,000, one tenant per call, from several threads so the group commit has company. Each
 * tenant's messages are logged in time order by one thread, so position n of every conversation
 * holds message n.
 */
final class HistoryLoader {

    static final int THREADS = 8;
    private static final Instant FIRST_MESSAGE = Instant.parse("2025-01-01T00:00:00Z");

    private HistoryLoader() {
    }

    /** Returns the wall-clock nanoseconds the load took. */
    static long load(Parley parley, HistoryLayout layout, String name) throws InterruptedException {
        AtomicInteger nextTenant = new AtomicInteger();
        AtomicLong logged = new AtomicLong();
        long tenth = Math.max(1, layout.messages() / 10);
        long start = System.nanoTime();
        ConcurrentLoad.run(THREADS, layout.tenants(), () -> {
            logTenant(parley, layout, nextTenant.getAndIncrement());
            long before = logged.getAndAdd(layout.messagesPerTenant());
            if ((before + layout.messagesPerTenant()) / tenth > before / tenth) {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf(Locale.ROOT, "  %s: %,d of %,d messages logged in %.0f s (%,.0f msgs/s)%n", name,
                        before + layout.messagesPerTenant(), layout.messages(), seconds,
                        (before + layout.messagesPerTenant()) / seconds);
            }
        });
        return System.nanoTime() - start;
    }

    private static void logTenant(Parley parley, HistoryLayout layout, int tenant) {
        Messages messages = parley.tenant(HistoryLayout.tenant(tenant)).messages();
        List<Document> batch = new ArrayList<>(Messages.MAX_BATCH);
        int sequence = 0;
        // position-major, so the conversations interleave in time as real ones do
        for (int position = 1; position <= layout.messagesPerConversation(); position++) {
            for (int conversation = 0; conversation < layout.conversationsPerTenant(); conversation++) {
                batch.add(message(conversation, position, sequence++));
                if (batch.size() == Messages.MAX_BATCH) {
                    messages.logAll(batch);
                    batch = new ArrayList<>(Messages.MAX_BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            messages.logAll(batch);
        }
    }

    private static Document message(int conversation, int position, int sequence) {
        boolean fromUser = position % 2 == 1;
        return new Document("message_id", HistoryLayout.messageId(conversation, position))
                .append("conversation_id", HistoryLayout.conversationId(conversation))
                .append("sender_type", fromUser ? "user" : "agent")
                .append("sender_id", fromUser ? "user-" + conversation : "agent-1")
                .append("content", MessageDocuments.sentence())
                .append("created_at", Date.from(FIRST_MESSAGE.plusSeconds(sequence)));
    }
}
