package dev.parley.bench.statusingest;

import com.mongodb.client.MongoCollection;
import dev.parley.bench.Contender;
import dev.parley.bench.StandaloneH2;
import dev.parley.bench.Throughput;
import dev.parley.messages.StatusEvent;
import org.bson.Document;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The naive webhook handler: for each event, {@code find} the message by {@code _id}, apply the
 * status rules in the handler, {@code updateOne} it back. Two round trips per event, nothing
 * batched, not durable, and no protection against two events of one message racing.
 */
final class FindThenUpdatePerEvent implements Contender {

    private final StandaloneH2 store;
    private final MongoCollection<Document> messages;
    private final PayloadFeed feed;
    private final int clients;
    private long loadNanos;

    FindThenUpdatePerEvent(StatusWorkload workload, int clients) throws IOException {
        this.clients = clients;
        this.feed = new PayloadFeed(workload.payloads());
        this.store = new StandaloneH2("status-naive");
        this.messages = store.collection("messages");
        insertMessages(workload);
    }

    /** The same messages, shaped as Parley stores them, in {@code insertMany} batches of 1,000. */
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
                messages.insertMany(batch);
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
        return "naive find-then-update per event";
    }

    @Override
    public Throughput run(int ops) throws Exception {
        return feed.deliver(clients, ops, payload -> payload.forEach(this::apply));
    }

    private void apply(StatusEvent event) {
        Document id = new Document("_id", key(event.messageId()));
        Document current = messages.find(id).first();
        if (current == null) {
            throw new IllegalStateException("no message " + event.messageId());
        }
        Document fields = NaiveStatusUpdate.fields(current, event, new Date());
        if (fields != null) {
            messages.updateOne(id, new Document("$set", fields));
        }
    }

    DeliveryCheck check(int messageCount, List<Integer> sample) throws InterruptedException {
        return DeliveryCheck.run("naive baseline", messageCount, sample,
                n -> messages.find(new Document("_id", key(StatusWorkload.messageId(n)))).first());
    }

    /** Time taken to insert the messages before any event. */
    long loadNanos() {
        return loadNanos;
    }

    @Override
    public void close() {
        store.close();
    }
}
