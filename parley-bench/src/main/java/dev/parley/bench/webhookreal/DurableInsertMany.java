package dev.parley.bench.webhookreal;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import dev.parley.bench.EmbeddedParley;
import dev.parley.bench.Throughput;
import org.bson.Document;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The store's ceiling for this workload: one thread inserting message documents shaped like the
 * ones the webhooks produce (three history entries, pricing, conversation), a thousand per
 * {@code insert} command, each batch committed and fsynced before the next (the durability
 * Parley gives an acknowledged webhook), on the same embedded H2 server Parley runs.
 */
final class DurableInsertMany {

    private static final int BATCH = 1_000;

    private DurableInsertMany() {
    }

    static Throughput measure(Duration duration) throws IOException {
        try (EmbeddedParley store = EmbeddedParley.open("parley-bench-insertmany-", ParleyConfig.EmbeddedMode.H2)) {
            Parley parley = store.parley();
            insert(parley, 0, 2); // warm-up
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            int batches = 0;
            while (System.nanoTime() < deadline) {
                insert(parley, (long) (batches + 2) * BATCH, 1);
                batches++;
            }
            return Throughput.since(start, (long) batches * BATCH);
        }
    }

    private static void insert(Parley parley, long first, int batches) {
        for (int b = 0; b < batches; b++) {
            List<Document> docs = new ArrayList<>(BATCH);
            for (long n = first + (long) b * BATCH; n < first + (long) (b + 1) * BATCH; n++) {
                docs.add(message(n));
            }
            StoreAccess.of(parley).runCommand(new Document("insert", "bench_insertmany").append("documents", docs).append("ordered", false));
            StoreAccess.of(parley).awaitDurable();
        }
    }

    /** A delivered-and-read WhatsApp message as Parley stores it. */
    private static Document message(long n) {
        String id = TrafficPool.messageId("im", (int) n);
        String recipient = TrafficPool.recipient(id);
        Date sent = new Date(1_700_000_000_000L + n * 50);
        Date delivered = new Date(sent.getTime() + 3_000);
        Date read = new Date(sent.getTime() + 40_000);
        List<Document> history = List.of(entry("sent", sent, recipient), entry("delivered", delivered, recipient),
                entry("read", read, recipient));
        return new Document("_id", "bench|" + id).append("organization_id", "bench").append("message_id", id)
                .append("conversation_id", recipient).append("direction", "outbound").append("status", "read")
                .append("latest_timestamp", read).append("status_history", history).append("status_count", 3)
                .append("pricing", new Document("billable", true).append("pricing_model", "PMP").append("category", "marketing"))
                .append("whatsapp_conversation", new Document("id", "c" + recipient).append("origin", new Document("type", "marketing")))
                .append("metadata", new Document("delivered_at", delivered).append("read_at", read))
                .append("first_seen_at", sent).append("created_at", sent).append("updated_at", read)
                .append("last_updated_at", read).append("history_seq", n).append("rev", 3L);
    }

    private static Document entry(String status, Date at, String recipient) {
        return new Document("status", status).append("timestamp", at).append("execution_id", null)
                .append("conversation_id", recipient).append("source", "whatsapp");
    }
}
