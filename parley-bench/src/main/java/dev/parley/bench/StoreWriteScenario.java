package dev.parley.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.store.EmbeddedMongo;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parley's durable insert (WriteBatcher group commit + one H2 fsync per group) against the two
 * obvious ways to write with the plain driver on the same embedded H2 server: one
 * {@code insertOne} per request, and bulk {@code insertMany}. Neither baseline is made durable,
 * so they are the optimistic numbers Parley has to keep up with.
 */
final class StoreWriteScenario implements Scenario {

    private static final String COLLECTION = "items";
    private static final String STORED_COLLECTION = "u_" + COLLECTION;
    private static final int INSERT_MANY_BATCH = 1_000;

    private record ParleyRun(Throughput throughput, OptionalLong durableFlushes) {
    }

    @Override
    public String name() {
        return "store-write";
    }

    @Override
    public String description() {
        return "durable grouped inserts vs insertOne per request and raw insertMany (embedded H2)";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        ParleyRun parley = groupedDurableInserts(params);
        Throughput perRequest = insertOnePerRequest(params);
        Throughput insertMany = rawInsertMany(params);

        List<Comparison> rows = List.of(
                new Comparison("store-write (durable, grouped) vs insertOne per request",
                        parley.throughput(), perRequest, Goal.atLeast(1.0)),
                new Comparison("store-write vs raw insertMany (not durable)",
                        parley.throughput(), insertMany, Goal.atLeast(0.5)));
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "store-write: documents ~%d bytes BSON; %d clients, one request in flight each;"
                        + " insertMany in batches of %,d from one thread",
                MessageDocuments.averageBsonBytes(), params.clients(), INSERT_MANY_BATCH));
        parley.durableFlushes().ifPresentOrElse(
                flushes -> notes.add(String.format(Locale.ROOT,
                        "store-write: %,d durable flushes (H2 commit + fsync) for %,d docs, %.1f docs per flush",
                        flushes, params.docs(), flushes == 0 ? 0.0 : params.docs() / (double) flushes)),
                () -> notes.add("store-write: durable flush count not available"));
        return new ScenarioReport(rows, notes);
    }

    /** Each request is one {@code documents(...).insert(doc)}, which returns only once durable. */
    private ParleyRun groupedDurableInserts(BenchParams params) throws Exception {
        try (TempDirectory dir = TempDirectory.create("parley-bench-store-");
             Parley parley = Parley.connect(ParleyConfig.from(Map.of(
                     "PARLEY_EMBEDDED", "h2",
                     "PARLEY_DATA_DIR", dir.path().toString(),
                     "MONGODB_URI", "")))) {
            ConcurrentLoad.Request request = () ->
                    parley.tenant(MessageDocuments.TENANT).documents(COLLECTION).insert(MessageDocuments.next());
            ConcurrentLoad.run(params.clients(), params.warmupDocs(), request);
            DurableFlushCounter counter = DurableFlushCounter.find();
            OptionalLong before = counter.read(parley.store());
            settle();
            Throughput measured = ConcurrentLoad.run(params.clients(), params.docs(), request);
            OptionalLong after = counter.read(parley.store());
            progress("parley durable grouped insert", measured);
            OptionalLong flushes = before.isPresent() && after.isPresent()
                    ? OptionalLong.of(after.getAsLong() - before.getAsLong()) : OptionalLong.empty();
            return new ParleyRun(measured, flushes);
        }
    }

    /** The naive server: every request does its own acknowledged insertOne, with no durability wait. */
    private Throughput insertOnePerRequest(BenchParams params) throws Exception {
        try (TempDirectory dir = TempDirectory.create("parley-bench-insertone-");
             EmbeddedMongo mongo = EmbeddedMongo.standalone(dir.path().resolve("baseline.mv.db"), 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> items = client.getDatabase(ParleyConfig.DEFAULT_DATABASE).getCollection(STORED_COLLECTION);
            ConcurrentLoad.Request request = () -> items.insertOne(MessageDocuments.next());
            ConcurrentLoad.run(params.clients(), params.warmupDocs(), request);
            settle();
            Throughput measured = ConcurrentLoad.run(params.clients(), params.docs(), request);
            progress("insertOne per request", measured);
            return measured;
        }
    }

    /** The ceiling: one thread streaming big insertMany batches, no durability wait. */
    private Throughput rawInsertMany(BenchParams params) throws Exception {
        try (TempDirectory dir = TempDirectory.create("parley-bench-insertmany-");
             EmbeddedMongo mongo = EmbeddedMongo.standalone(dir.path().resolve("baseline.mv.db"), 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> items = client.getDatabase(ParleyConfig.DEFAULT_DATABASE).getCollection(STORED_COLLECTION);
            insertInBatches(items, params.warmupDocs());
            settle();
            long start = System.nanoTime();
            insertInBatches(items, params.docs());
            Throughput measured = Throughput.since(start, params.docs());
            progress("raw insertMany", measured);
            return measured;
        }
    }

    private static void insertInBatches(MongoCollection<Document> items, int docs) {
        for (int left = docs; left > 0; left -= INSERT_MANY_BATCH) {
            items.insertMany(MessageDocuments.batch(Math.min(INSERT_MANY_BATCH, left)));
        }
    }

    /** Collects the previous phase's garbage so it is not charged to the next measurement. */
    private static void settle() {
        System.gc();
    }

    private void progress(String path, Throughput measured) {
        System.err.printf(Locale.ROOT, "%s: %-30s %s (%.1f s)%n", name(), path, measured, measured.nanos() / 1e9);
    }
}
