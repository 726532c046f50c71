package dev.parley.bench.storewrite;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.Contender;
import dev.parley.bench.MessageDocuments;
import dev.parley.bench.TempDirectory;
import dev.parley.bench.Throughput;

import java.io.IOException;
import java.util.Map;

/**
 * Parley's write path as a server request uses it: one {@code documents(...).insert(doc)} per
 * request, which returns only after WriteBatcher's group commit and GroupSync's H2 fsync.
 */
final class GroupedDurableInserts implements Contender {

    private final TempDirectory dir;
    private final Parley parley;
    private final int clients;
    private long docs;
    private long flushes;

    GroupedDurableInserts(int clients) throws IOException {
        this.clients = clients;
        this.dir = TempDirectory.create("parley-bench-grouped-");
        try {
            this.parley = Parley.connect(ParleyConfig.from(Map.of(
                    "PARLEY_EMBEDDED", "h2",
                    "PARLEY_DATA_DIR", dir.path().toString(),
                    "MONGODB_URI", "")));
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    @Override
    public String label() {
        return "parley durable grouped insert";
    }

    @Override
    public Throughput run(int ops) throws Exception {
        long before = parley.store().durableFlushes();
        Throughput done = ConcurrentLoad.run(clients, ops, () ->
                parley.tenant(MessageDocuments.TENANT).documents(StoreWriteScenario.COLLECTION).insert(MessageDocuments.next()));
        docs += ops;
        flushes += parley.store().durableFlushes() - before;
        return done;
    }

    /** Documents written so far, warm-up included. */
    long docs() {
        return docs;
    }

    /** Durable flushes made for {@link #docs()}. */
    long durableFlushes() {
        return flushes;
    }

    @Override
    public void close() {
        try {
            parley.close();
        } finally {
            dir.close();
        }
    }
}
