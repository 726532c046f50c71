package dev.parley.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.parley.ParleyConfig;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.bson.types.ObjectId;

/**
 * Parley's one connection to MongoDB, real or embedded. It hands out tenant-scoped collections
 * only; the raw driver objects never leave this package.
 */
public final class MongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoStore.class);

    private final ParleyConfig config;
    private final EmbeddedMongo embedded;
    private final MongoClient client;
    private final MongoDatabase database;
    private final WriteBatcher batcher;

    private MongoStore(ParleyConfig config, EmbeddedMongo embedded, MongoClient client) {
        this.config = config;
        this.embedded = embedded;
        this.client = client;
        this.database = client.getDatabase(config.database());
        this.batcher = new WriteBatcher(this::awaitDurable, writeTimeoutMs(), config.groupCommit());
    }

    /** Connects to the configured MongoDB, or starts (or attaches to) the embedded server. */
    public static MongoStore open(ParleyConfig config) {
        EmbeddedMongo embedded = config.external() ? null : EmbeddedMongo.startOrAttach(config);
        String uri = embedded == null ? config.mongoUri() : embedded.inProcessConnectionString();
        MongoClient client = MongoClients.create(settings(config, new ConnectionString(uri)));
        MongoStore store = new MongoStore(config, embedded, client);
        log.info("Parley store: mode={}, database={}, {}", store.mode(), config.database(), store.modeDetail());
        return store;
    }

    private static MongoClientSettings settings(ParleyConfig config, ConnectionString uri) {
        return MongoClientSettings.builder()
                .applyConnectionString(uri)
                .applyToClusterSettings(cluster -> {
                    if (uri.getServerSelectionTimeout() == null) {
                        cluster.serverSelectionTimeout(config.serverSelectionTimeoutMs(), TimeUnit.MILLISECONDS);
                    }
                })
                .applyToSocketSettings(socket -> {
                    if (uri.getConnectTimeout() == null) {
                        socket.connectTimeout(Math.toIntExact(config.connectTimeoutMs()), TimeUnit.MILLISECONDS);
                    }
                })
                .applyToConnectionPoolSettings(pool -> { // options written in the URI win over the variables
                    if (config.maxPoolSize() != null && uri.getMaxConnectionPoolSize() == null) {
                        pool.maxSize(config.maxPoolSize());
                    }
                    if (config.minPoolSize() != null && uri.getMinConnectionPoolSize() == null) {
                        pool.minSize(config.minPoolSize());
                    }
                    if (config.maxIdleMs() != null && uri.getMaxConnectionIdleTime() == null) {
                        pool.maxConnectionIdleTime(config.maxIdleMs(), TimeUnit.MILLISECONDS);
                    }
                })
                .build();
    }

    /** {@code embedded} or {@code external}. */
    public String mode() {
        return embedded == null ? "external" : "embedded";
    }

    /** A sentence for logs and health: where the data lives. */
    public String modeDetail() {
        if (embedded == null) {
            return "MongoDB at " + String.join(",", new ConnectionString(config.mongoUri()).getHosts());
        }
        return embedded.description();
    }

    /** Mode, where the data lives, database: for logs and the CLI. */
    public StoreDescription describe() {
        return new StoreDescription(mode(), modeDetail(), databaseName());
    }

    /** Dumps and restores in mongodump's layout. */
    public MongoDump dumps() {
        return new MongoDump(database, this);
    }

    /** Up to {@code n} documents of a collection, whichever come first (for statistics). */
    public List<Document> sample(String collection, int n) {
        return database.getCollection(collection).find().limit(n).into(new ArrayList<>());
    }

    /** The indexes a collection has (for statistics). */
    public List<Document> indexesOf(String collection) {
        return database.getCollection(collection).listIndexes().into(new ArrayList<>());
    }

    /** How many documents of a collection each tenant owns, from one pass over {@code organization_id}. */
    public Map<String, Long> documentsPerTenant(String collection) {
        Map<String, Long> counts = new TreeMap<>();
        for (Document doc : database.getCollection(collection).find()
                .projection(new Document(ScopedCollection.TENANT_FIELD, 1).append("_id", 0)).batchSize(10_000)) {
            Object tenant = doc.get(ScopedCollection.TENANT_FIELD);
            counts.merge(tenant == null ? "(none)" : tenant.toString(), 1L, Long::sum);
        }
        return counts;
    }

    /** A database command (statistics and the like); feature code reads and writes through scoped collections. */
    public Document runCommand(Document command) {
        return database.runCommand(command);
    }

    public String databaseName() {
        return config.database();
    }

    public ParleyConfig config() {
        return config;
    }

    /** The collection {@code name} confined to {@code tenant}. */
    public ScopedCollection scoped(String tenant, String name) {
        return new ScopedCollection(tenant, collection(name), this);
    }

    /** The collections of {@code tenant} only: what a tenant-bound feature is handed instead of this store. */
    public TenantCollections tenant(String tenant) {
        return new TenantCollections(tenant, this);
    }

    /**
     * Cross-tenant access for the few features whose job is to span tenants (the tenant registry,
     * API key lookup, backups). An architecture test limits who may call it.
     */
    public PlatformCollection platform(String name) {
        return new PlatformCollection(collection(name), this);
    }

    /** Parley's collection {@code name}, under the name the configuration stores it as (MONGODB_STATUS_COLLECTION…). */
    MongoCollection<Document> collection(String name) {
        return database.getCollection(config.collectionName(name));
    }

    /** {@link EmbeddedMongo#documentsInKeyOrder}, for the embedded H2 store this process runs. */
    Optional<Iterator<Map<String, Object>>> documentsInKeyOrder(String collection, String from, String to) {
        return embedded == null ? Optional.empty() : embedded.documentsInKeyOrder(config.database(), collection, from, to);
    }

    WriteBatcher batcher() {
        return batcher;
    }

    /**
     * A group-commit queue for a feature's own batched write path (e.g. status events): the
     * handler processes each batch, the queue makes it durable before answering the callers.
     * Close it before the store.
     */
    public <T> GroupCommit<T> groupCommit(String name, Consumer<List<GroupCommit.Request<T>>> handler,
                                          ToIntFunction<T> weight, int maxWeight) {
        return new GroupCommit<>(name, handler, weight, maxWeight, this::awaitDurable, writeTimeoutMs(), config.groupCommit());
    }

    private long writeTimeoutMs() {
        return config.serverSelectionTimeoutMs() + config.connectTimeoutMs() + 30_000;
    }

    /** Returns once every write acknowledged so far would survive a crash of this process. */
    public void awaitDurable() {
        if (embedded != null) {
            embedded.awaitDurable();
        }
    }

    /**
     * How many durable flushes (H2 commit + fsync) this process's embedded server has made, for its
     * own writes and its other clients'; 0 when not the owner.
     */
    public long durableFlushes() {
        return embedded == null ? 0 : embedded.durableFlushes();
    }

    /** Round trip to the server; throws when it cannot be reached within the timeout. */
    public long pingMillis() {
        long start = System.nanoTime();
        database.runCommand(new Document("ping", 1));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Pings within {@code timeoutMs}; never throws. */
    public StoreHealth health(long timeoutMs) {
        try {
            long start = System.nanoTime();
            database.withTimeout(timeoutMs, TimeUnit.MILLISECONDS).runCommand(new Document("ping", 1));
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new StoreHealth(true, mode(), config.database(), latency, modeDetail());
        } catch (RuntimeException e) {
            return new StoreHealth(false, mode(), config.database(), null, e.getMessage());
        }
    }

    /** Inserts, reads back and deletes a probe document, timing each step. */
    public RoundTrip roundTrip() {
        MongoCollection<Document> probes = collection("parley_probes");
        String id = "_probe|" + new ObjectId().toHexString();
        long t0 = System.nanoTime();
        probes.insertOne(new Document("_id", id).append("organization_id", "_probe").append("created_at", new Date()));
        awaitDurable();
        long t1 = System.nanoTime();
        Document read = probes.find(new Document("_id", id)).first();
        if (read == null) {
            throw new StoreUnavailableException("probe document " + id + " was not read back", null);
        }
        long t2 = System.nanoTime();
        probes.deleteOne(new Document("_id", id));
        awaitDurable();
        long t3 = System.nanoTime();
        return new RoundTrip(id, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    public List<String> collectionNames() {
        return database.listCollectionNames().into(new ArrayList<>());
    }

    public IndexInitializer indexes() {
        return new IndexInitializer(this);
    }

    /** Drops the whole database; for tests and throwaway demos. */
    public void dropDatabase() {
        database.drop();
    }

    @Override
    public void close() {
        batcher.close();
        awaitDurable();
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
