package dev.parley.bench.statusingest;

import dev.parley.bench.ConcurrentLoad;
import org.bson.Document;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Whether a path ended where every message's three events say it must: latest status {@code read}
 * and three history entries. Checked on a random sample, then over all messages.
 */
record DeliveryCheck(String path, int sampled, int sampleCorrect, long allCorrect, long messages) {

    private static final int READERS = 4;

    /** Reads every message through {@code lookup} (message number to stored document, or null). */
    static DeliveryCheck run(String path, int messages, List<Integer> sample, IntFunction<Document> lookup)
            throws InterruptedException {
        int sampleCorrect = (int) sample.stream().filter(n -> delivered(lookup.apply(n))).count();
        LongAdder allCorrect = new LongAdder();
        AtomicInteger next = new AtomicInteger();
        ConcurrentLoad.run(READERS, messages, () -> {
            if (delivered(lookup.apply(next.getAndIncrement()))) {
                allCorrect.increment();
            }
        });
        return new DeliveryCheck(path, sample.size(), sampleCorrect, allCorrect.sum(), messages);
    }

    private static boolean delivered(Document message) {
        return message != null && "read".equals(message.getString("status"))
                && message.get("status_count", Number.class) != null && message.get("status_count", Number.class).intValue() == 3
                && message.getList("status_history", Document.class, List.of()).size() == 3;
    }

    boolean ok() {
        return sampleCorrect == sampled && allCorrect == messages;
    }

    String note() {
        return String.format(Locale.ROOT, "status-ingest check, %s: sample %d/%d correct (status read, 3 history entries);"
                        + " all messages %,d/%,d%s", path, sampleCorrect, sampled, allCorrect, messages,
                ok() ? "" : "  <-- LOST OR WRONG STATUS UPDATES");
    }
}
