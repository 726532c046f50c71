package dev.parley.bench.storewrite;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.Contender;
import dev.parley.bench.MessageDocuments;
import dev.parley.bench.EmbeddedParley;
import dev.parley.bench.Throughput;

import java.io.IOException;

/**
 * Parley's write path as a server request uses it: one {@code documents(...).insert(doc)} per
 * request, which returns only after WriteBatcher's group commit and GroupSync's H2 fsync.
 */
final class GroupedDurableInserts implements Contender {

    private final EmbeddedParley store;
    private final Parley parley;
    private final int clients;
    private long docs;
    private long flushes;

    GroupedDurableInserts(int clients) throws IOException {
        this.clients = clients;
        this.store = EmbeddedParley.open("parley-bench-grouped-", ParleyConfig.EmbeddedMode.H2);
        this.parley = store.parley();
    }

    @Override
    public String label() {
        return "parley durable grouped insert";
    }

    @Override
    public Throughput run(int ops) throws Exception {
        long before = StoreAccess.of(parley).durableFlushes();
        Throughput done = ConcurrentLoad.run(clients, ops, () ->
                parley.tenant(MessageDocuments.TENANT).documents(StoreWriteScenario.COLLECTION).insert(MessageDocuments.next()));
        docs += ops;
        flushes += StoreAccess.of(parley).durableFlushes() - before;
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
        store.close();
    }
}
