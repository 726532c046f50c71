package dev.parley.bench.statusingest;

import dev.parley.NotFoundException;
import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import dev.parley.bench.Contender;
import dev.parley.bench.EmbeddedParley;
import dev.parley.bench.Throughput;
import dev.parley.messages.Messages;
import org.bson.Document;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parley's status path as a webhook endpoint uses it: each payload is one
 * {@code messages().recordStatuses(events)} call, which returns once MessageWriter's group commit
 * has written it and GroupSync has made it durable.
 */
final class BatchedStatusIngest implements Contender {

    private final EmbeddedParley store;
    private final Parley parley;
    private final PayloadFeed feed;
    private final int clients;
    private long loadNanos;
    private long events;
    private long flushes;

    BatchedStatusIngest(StatusWorkload workload, int clients) throws IOException {
        this.clients = clients;
        this.feed = new PayloadFeed(workload.payloads());
        this.store = EmbeddedParley.open("parley-bench-status-", ParleyConfig.EmbeddedMode.H2);
        this.parley = store.parley();
        parley.initDb(); // as the server does at start-up: the unique (organization_id, message_id, rev) index
        logMessages(workload);
    }

    private void logMessages(StatusWorkload workload) {
        long start = System.nanoTime();
        Messages messages = messages();
        for (int from = 0; from < workload.messages(); from += Messages.MAX_BATCH) {
            List<Document> batch = new ArrayList<>(Messages.MAX_BATCH);
            for (int n = from; n < Math.min(workload.messages(), from + Messages.MAX_BATCH); n++) {
                batch.add(StatusWorkload.message(n));
            }
            messages.logAll(batch);
        }
        loadNanos = System.nanoTime() - start;
    }

    private Messages messages() {
        return parley.tenant(StatusWorkload.TENANT).messages();
    }

    @Override
    public String label() {
        return "parley recordStatuses (durable)";
    }

    @Override
    public Throughput run(int ops) throws Exception {
        long before = StoreAccess.of(parley).durableFlushes();
        Throughput done = feed.deliver(clients, ops, payload -> messages().recordStatuses(payload));
        events += done.docs();
        flushes += StoreAccess.of(parley).durableFlushes() - before;
        return done;
    }

    DeliveryCheck check(int messages, List<Integer> sample) throws InterruptedException {
        Messages reader = messages();
        return DeliveryCheck.run("parley", messages, sample, n -> {
            try {
                return reader.get(StatusWorkload.messageId(n));
            } catch (NotFoundException e) {
                return null;
            }
        });
    }

    /** Time taken to log the messages before any event, through {@code logAll}. */
    long loadNanos() {
        return loadNanos;
    }

    /** Events recorded so far (warm-up included) and the durable flushes made for them. */
    long events() {
        return events;
    }

    long durableFlushes() {
        return flushes;
    }

    @Override
    public void close() {
        store.close();
    }
}
