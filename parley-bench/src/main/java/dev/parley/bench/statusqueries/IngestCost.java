package dev.parley.bench.statusqueries;

import dev.parley.ParleyConfig;
import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.EmbeddedParley;
import dev.parley.messages.MessageStatus;
import dev.parley.messages.Messages;
import dev.parley.messages.StatusEvent;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.IOException;

/**
 * What keeping the embedded server's ordered indexes (status lists, updated since, counts) costs
 * status ingest: two fresh H2 stores, one with them and one without
 * ({@code -Dparley.ordered_indexes=off} while it opens), take the same campaign in
 * alternating rounds: messages logged as sent, then delivered and read events stamped now,
 * {@code recordStatuses} of 100 from 8 threads. Only the status events are timed.
 */
final class IngestCost implements AutoCloseable {

    private static final int THREADS = 8;
    private static final int EVENTS_PER_CALL = 100;

    private final EmbeddedParley with;
    private final EmbeddedParley without;
    private long withNanos;
    private long withoutNanos;
    private long events;

    IngestCost() throws IOException {
        this.with = EmbeddedParley.open("status-index-on", ParleyConfig.EmbeddedMode.H2);
        with.parley().initDb(); // as the server does at start-up
        System.setProperty("parley.ordered_indexes", "off");
        try {
            this.without = EmbeddedParley.open("status-index-off", ParleyConfig.EmbeddedMode.H2);
            without.parley().initDb(); // the same indexes declared, the ordered ones left unbuilt
        } finally {
            System.clearProperty("parley.ordered_indexes");
        }
    }

    /** {@code rounds} rounds of {@code messagesPerRound} messages each, the store order alternating. */
    void run(int rounds, int messagesPerRound) throws InterruptedException {
        for (int round = 0; round < rounds; round++) {
            boolean withFirst = round % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean on = withFirst == (side == 0);
                long nanos = campaign(on ? with : without, round, messagesPerRound);
                if (round == 0) {
                    continue; // warm-up
                }
                if (on) {
                    withNanos += nanos;
                } else {
                    withoutNanos += nanos;
                }
            }
            if (round > 0) {
                events += 2L * messagesPerRound;
            }
        }
    }

    private static long campaign(EmbeddedParley store, int round, int count) throws InterruptedException {
        Messages messages = store.parley().tenant("bench-ingest").messages();
        List<Document> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(new Document("message_id", "wamid.r" + round + "m" + i).append("conversation_id", "9665" + (i % 500))
                    .append("content", "campaign " + round).append("status", "sent"));
        }
        for (int from = 0; from < count; from += Messages.MAX_BATCH) {
            messages.logAll(bodies.subList(from, Math.min(count, from + Messages.MAX_BATCH)));
        }
        long start = System.nanoTime();
        for (MessageStatus status : List.of(MessageStatus.DELIVERED, MessageStatus.READ)) {
            AtomicInteger next = new AtomicInteger();
            ConcurrentLoad.run(THREADS, (count + EVENTS_PER_CALL - 1) / EVENTS_PER_CALL, () -> {
                int from = next.getAndIncrement() * EVENTS_PER_CALL;
                List<StatusEvent> events = new ArrayList<>(EVENTS_PER_CALL);
                for (int i = from; i < Math.min(count, from + EVENTS_PER_CALL); i++) {
                    events.add(new StatusEvent("wamid.r" + round + "m" + i, status, Instant.now(), null, null, null, null, false));
                }
                messages.recordStatuses(events);
            });
        }
        return System.nanoTime() - start;
    }

    double withRate() {
        return events / (withNanos / 1e9);
    }

    double withoutRate() {
        return events / (withoutNanos / 1e9);
    }

    /** The share of ingest throughput the index costs, in percent. */
    double costPercent() {
        return (1 - withRate() / withoutRate()) * 100;
    }

    String note() {
        return String.format(Locale.ROOT, "status-queries: ingest of delivered+read events (%,d per store, 8 threads,"
                        + " 100 per call): %,.0f events/s with the ordered indexes, %,.0f without; cost %.1f %%",
                events, withRate(), withoutRate(), costPercent());
    }

    @Override
    public void close() {
        try {
            with.close();
        } finally {
            without.close();
        }
    }
}
