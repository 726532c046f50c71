package dev.parley.bench.storewrite;

import com.mongodb.client.MongoCollection;
import dev.parley.bench.Contender;
import dev.parley.bench.MessageDocuments;
import dev.parley.bench.StandaloneH2;
import dev.parley.bench.Throughput;
import org.bson.Document;

import java.io.IOException;

/** The ceiling: one thread streaming large {@code insertMany} batches, not durable. */
final class RawInsertMany implements Contender {

    static final int BATCH = 1_000;

    private final StandaloneH2 store;
    private final MongoCollection<Document> items;

    RawInsertMany() throws IOException {
        this.store = new StandaloneH2("insertmany");
        this.items = store.collection(StoreWriteScenario.STORED_COLLECTION);
    }

    @Override
    public String label() {
        return "raw insertMany";
    }

    @Override
    public Throughput run(int ops) {
        long start = System.nanoTime();
        for (int left = ops; left > 0; left -= BATCH) {
            items.insertMany(MessageDocuments.batch(Math.min(BATCH, left)));
        }
        return Throughput.since(start, ops);
    }

    @Override
    public void close() {
        store.close();
    }
}
