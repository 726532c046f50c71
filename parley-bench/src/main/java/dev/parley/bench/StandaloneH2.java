package dev.parley.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.parley.ParleyConfig;
import dev.parley.store.EmbeddedMongo;
import org.bson.Document;

import java.io.IOException;

/**
 * A baseline's store: the same embedded H2 server Parley runs, in its own temp directory, reached
 * by a plain driver client. Nothing here waits for fsync: the client writes with {@code j: false}
 * (acknowledged once applied), and H2 persists in the background.
 */
public final class StandaloneH2 implements AutoCloseable {

    private final TempDirectory dir;
    private final EmbeddedMongo server;
    private final MongoClient client;

    public StandaloneH2(String name) throws IOException {
        dir = TempDirectory.create("parley-bench-" + name + "-");
        EmbeddedMongo started = null;
        try {
            started = EmbeddedMongo.standalone(dir.path().resolve(name + ".mv.db"), 0);
            client = MongoClients.create(started.connectionString() + "&journal=false");
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            dir.close();
            throw e;
        }
        server = started;
    }

    /** A collection of Parley's database, under its stored name (e.g. {@code u_items}, {@code messages}). */
    public MongoCollection<Document> collection(String storedName) {
        return client.getDatabase(ParleyConfig.DEFAULT_DATABASE).getCollection(storedName);
    }

    @Override
    public void close() {
        try {
            client.close();
            server.close();
        } finally {
            dir.close();
        }
    }
}
