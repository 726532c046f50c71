package dev.parley.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.parley.ParleyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Iterator;
import java.util.Map;

/**
 * The in-process MongoDB-compatible server (mongo-java-server) that Parley starts when no
 * MongoDB is configured. Parley reaches it through the official driver on loopback, exactly as it
 * reaches a real MongoDB, so there is one data path.
 *
 * <p>On H2 files, an acknowledged write is on disk before it is acknowledged, whoever sends it
 * (this process, a CLI command on the published port, any client of {@code ./parley
 * embedded-mongo}): the server holds the reply until a group-committed flush covers the write
 * ({@link SerializedWritesBackend}, {@link DurableReplies}). This process's own client asks for
 * {@code j: false} instead and waits for the same flusher itself ({@link #awaitDurable}), after a
 * whole batch.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final String H2_FILE = "parley.mv.db";

    private final MongoServer server;
    private final H2Backend h2;
    private final GroupSync durability;
    private final DataDirectoryLease lease;
    private final int port;
    private final String description;
    /** Who may use the port: null for a standalone test server, which anyone on this machine may use. */
    private final StoreCredentials credentials;

    private EmbeddedMongo(MongoServer server, H2Backend h2, GroupSync durability, DataDirectoryLease lease, int port,
                          String description, StoreCredentials credentials) {
        this.server = server;
        this.h2 = h2;
        this.durability = durability;
        this.lease = lease;
        this.port = port;
        this.description = description;
        this.credentials = credentials;
    }

    /**
     * Starts the embedded server for {@code config}, or attaches to the one another process
     * already serves from the same data directory.
     */
    static EmbeddedMongo startOrAttach(ParleyConfig config) {
        try {
            if (config.embeddedMode() == ParleyConfig.EmbeddedMode.MEMORY) {
                return serve(new KeyedMemoryBackend(), null, null, config.embeddedPort(), "in-memory (data is thrown away on exit)",
                        StoreCredentials.ephemeral());
            }
            Path dir = config.dataDir();
            Optional<DataDirectoryLease> lease = DataDirectoryLease.tryAcquire(dir);
            if (lease.isEmpty()) {
                int port = DataDirectoryLease.ownerPort(dir, 15_000);
                return new EmbeddedMongo(null, null, null, null, port,
                        "H2 files in " + dir + ", served by another Parley process on 127.0.0.1:" + port, StoreCredentials.read(dir));
            }
            StoreCredentials credentials = StoreCredentials.ofDataDirectory(dir); // before the port: whoever sees the port finds it
            H2Backend backend = new TypedH2Backend(dir.resolve(H2_FILE).toString(), config.embeddedCacheMegabytes());
            EmbeddedMongo mongo = serve(backend, backend, lease.get(), config.embeddedPort(), "H2 files in " + dir, credentials);
            lease.get().publishPort(mongo.port);
            return mongo;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedded store: " + e.getMessage(), e);
        }
    }

    /** A standalone embedded server, e.g. for {@code ./parley embedded-mongo} or tests of outages. */
    public static EmbeddedMongo standalone(Path h2File, int port) {
        if (h2File == null) {
            return serve(new KeyedMemoryBackend(), null, null, port, "in-memory", null);
        }
        H2Backend backend = new TypedH2Backend(h2File.toString(), ParleyConfig.fromEnvironment().embeddedCacheMegabytes());
        return serve(backend, backend, null, port, "H2 file " + h2File, null);
    }

    private static EmbeddedMongo serve(de.bwaldvogel.mongo.MongoBackend backend, H2Backend h2,
                                       DataDirectoryLease lease, int port, String description, StoreCredentials credentials) {
        GroupSync durability = h2 == null ? null : new GroupSync(() -> commitAndSync(h2));
        de.bwaldvogel.mongo.MongoBackend serialized = backend instanceof TypedH2Backend typed
                ? new SerializedWritesBackend(backend, false, typed::pinVersion, durability)
                : new SerializedWritesBackend(backend, true, null, durability);
        MongoServer server = new MongoServer(credentials == null ? serialized : new AuthenticatingBackend(serialized, credentials));
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            if (durability != null) {
                durability.close();
            }
            throw e;
        }
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded MongoDB-compatible server on 127.0.0.1:{} ({}{})", address.getPort(), description,
                credentials == null ? "; no authentication" : "; SCRAM-SHA-256 as user " + credentials.user());
        return new EmbeddedMongo(server, h2, durability, lease, address.getPort(), description, credentials);
    }

    public int port() {
        return port;
    }

    /** With the store's user and password when the port requires them. */
    public String connectionString() {
        return credentials == null ? "mongodb://127.0.0.1:" + port + "/?retryWrites=false"
                : "mongodb://" + credentials.userInfo() + "127.0.0.1:" + port + "/?retryWrites=false&authSource=admin&authMechanism="
                + ScramSha256.MECHANISM;
    }

    /**
     * The connection string for this process's own client. When this process runs the durable
     * store, its writes ask for {@code j: false}: the server answers once a write is applied and
     * the caller then waits for the shared flush ({@link #awaitDurable}) after its whole batch,
     * which keeps group commit pipelined (a batch is written while the previous one is flushed).
     */
    String inProcessConnectionString() {
        return durability == null ? connectionString() : connectionString() + "&journal=false";
    }

    public String description() {
        return description;
    }

    /** See {@link TypedH2Backend#documentsInKeyOrder}; empty when this process does not run the H2 store itself. */
    Optional<Iterator<Map<String, Object>>> documentsInKeyOrder(String database, String collection, String from,
                                                                                 String to) {
        return h2 instanceof TypedH2Backend typed
                ? Optional.of(typed.documentsInKeyOrder(database, collection, from, to)) : Optional.empty();
    }

    /** Returns once every write applied so far is durable; at once when this process does not run the H2 store. */
    void awaitDurable() {
        if (durability != null) {
            durability.await();
        }
    }

    /** How many durable flushes this process's store has made. */
    long durableFlushes() {
        return durability == null ? 0 : durability.flushes();
    }

    /** Writes every change to the H2 file and forces it to disk. */
    private static void commitAndSync(H2Backend h2) {
        h2.commit();
        h2.getMvStore().sync();
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdownNow(); // closes the backend, which closes the flusher first
        }
        if (lease != null) {
            try {
                lease.close();
            } catch (IOException e) {
                log.warn("could not release the data directory lock: {}", e.getMessage());
            }
        }
    }
}
