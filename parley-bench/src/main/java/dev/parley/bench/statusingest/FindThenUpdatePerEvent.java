package dev.parley.bench.statusingest;

import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import dev.parley.bench.Contender;
import dev.parley.bench.EmbeddedParley;
import dev.parley.bench.Throughput;
import dev.parley.messages.StatusEvent;
import dev.parley.store.MongoStore;
import org.bson.Document;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The naive webhook handler with Parley's durability: for each event, {@code find} the message by
 * {@code _id}, apply the status rules in the handler, {@code update} it back, and acknowledge the
 * event only once that write is durable (committed and fsynced, as MongoDB's {@code j: true}
 * acknowledges a journaled write; concurrent handlers share a flush in progress, as writers share
 * a journal commit). Two round trips and a durable wait per event, nothing batched, and no
 * protection against two events of one message racing.
 */
final class FindThenUpdatePerEvent implements Contender {

    private static final String COLLECTION = "messages";

    private final EmbeddedParley embedded;
    private final MongoStore store;
    private final PayloadFeed feed;
    private final int clients;
    private long loadNanos;

    FindThenUpdatePerEvent(StatusWorkload workload, int clients) throws IOException {
        this.clients = clients;
        this.feed = new PayloadFeed(workload.payloads());
        this.embedded = EmbeddedParley.open("parley-bench-status-naive-", ParleyConfig.EmbeddedMode.H2);
        this.store = StoreAccess.of(embedded.parley());
        insertMessages(workload);
    }

    /** The same messages, shaped as Parley stores them, a thousand per insert, durable. */
    private void insertMessages(StatusWorkload workload) {
        long start = System.nanoTime();
        List<Document> batch = new ArrayList<>();
        for (int n = 0; n < workload.messages(); n++) {
            Date now = new Date();
            batch.add(StatusWorkload.message(n)
                    .append("_id", key(StatusWorkload.messageId(n)))
                    .append("organization_id", StatusWorkload.TENANT)
                    .append("sender_type", "agent").append("role", "assistant").append("message_type", "text")
                    .append("created_at", now).append("updated_at", now));
            if (batch.size() == 1_000 || n == workload.messages() - 1) {
                store.runCommand(new Document("insert", COLLECTION).append("documents", batch));
                store.awaitDurable();
                batch = new ArrayList<>();
            }
        }
        loadNanos = System.nanoTime() - start;
    }

    private static String key(String messageId) {
        return StatusWorkload.TENANT + "|" + messageId;
    }

    @Override
    public String label() {
        return "naive find-then-update, durable";
    }

    @Override
    public Throughput run(int ops) throws Exception {
        return feed.deliver(clients, ops, payload -> payload.forEach(this::apply));
    }

    private void apply(StatusEvent event) {
        Document current = find(key(event.messageId()));
        if (current == null) {
            throw new IllegalStateException("no message " + event.messageId());
        }
        Document fields = NaiveStatusUpdate.fields(current, event, new Date());
        if (fields != null) {
            store.runCommand(new Document("update", COLLECTION).append("updates",
                    List.of(new Document("q", new Document("_id", key(event.messageId()))).append("u", new Document("$set", fields)))));
            store.awaitDurable(); // acknowledged only once journaled
        }
    }

    private Document find(String id) {
        Document reply = store.runCommand(new Document("find", COLLECTION).append("filter", new Document("_id", id)).append("limit", 1));
        List<Document> found = reply.get("cursor", Document.class).getList("firstBatch", Document.class);
        return found.isEmpty() ? null : found.get(0);
    }

    DeliveryCheck check(int messageCount, List<Integer> sample) throws InterruptedException {
        return DeliveryCheck.run("naive baseline", messageCount, sample, n -> find(key(StatusWorkload.messageId(n))));
    }

    /** Time taken to insert the messages before any event. */
    long loadNanos() {
        return loadNanos;
    }

    @Override
    public void close() {
        embedded.close();
    }
}
