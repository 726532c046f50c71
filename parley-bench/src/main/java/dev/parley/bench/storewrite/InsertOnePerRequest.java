package dev.parley.bench.storewrite;

import com.mongodb.client.MongoCollection;
import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.Contender;
import dev.parley.bench.MessageDocuments;
import dev.parley.bench.StandaloneH2;
import dev.parley.bench.Throughput;
import org.bson.Document;

import java.io.IOException;

/** The naive server: each request does its own acknowledged {@code insertOne} and returns, not durable. */
final class InsertOnePerRequest implements Contender {

    private final StandaloneH2 store;
    private final MongoCollection<Document> items;
    private final int clients;

    InsertOnePerRequest(int clients) throws IOException {
        this.clients = clients;
        this.store = new StandaloneH2("insertone");
        this.items = store.collection(StoreWriteScenario.STORED_COLLECTION);
    }

    @Override
    public String label() {
        return "insertOne per request";
    }

    @Override
    public Throughput run(int ops) throws Exception {
        return ConcurrentLoad.run(clients, ops, () -> items.insertOne(MessageDocuments.next()));
    }

    @Override
    public void close() {
        store.close();
    }
}
