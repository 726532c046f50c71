package dev.parley.store;

import dev.parley.ConflictException;
import dev.parley.ParleyConfig;
import dev.parley.testing.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store contract on the embedded H2 files, the store users run; plus what only files do: keep
 * writes across a restart, flush writers together, and read a key range from a pinned version.
 */
class H2StoreTest extends StoreContract {

    @Override
    TestStores.Backend backend() {
        return TestStores.Backend.H2;
    }

    @Override
    boolean flushesToDisk() {
        return true;
    }

    @Test
    void aStoreReopenedFromItsFilesHasEveryAcknowledgedWriteAndItsIndexes(@TempDir Path data) {
        java.util.Map<String, String> settings = TestStores.settings("H2StoreReopened", TestStores.Backend.H2);
        settings.put("PARLEY_DATA_DIR", data.toString());
        ParleyConfig config = ParleyConfig.from(settings);
        try (MongoStore first = MongoStore.open(config)) {
            first.indexes().ensure(List.of(IndexSpec.on("kept", "organization_id_ref_unique", "ref").asUnique()));
            ScopedCollection kept = first.scoped("acme", "kept");
            kept.insert(new Document("_id", kept.key("a")).append("ref", "r-a"));
            kept.upsert("b", new Document("$set", new Document("ref", "r-b")));
            kept.replaceByKey("c", new Document("ref", "r-c"));
            kept.writeVersioned("message_id", List.of(new ScopedCollection.VersionedChange("d", 0, new Document("ref", "r-d"))));
            kept.awaitDurable();
            kept.insert(new Document("_id", kept.key("gone")));
            kept.deleteMany(new Document("_id", kept.key("gone")));
        }
        try (MongoStore again = MongoStore.open(config)) {
            ScopedCollection kept = again.scoped("acme", "kept");
            assertThat(kept.getAll(List.of("a", "b", "c", "d", "gone"))).extracting(d -> d.getString("ref"))
                    .containsExactlyInAnyOrder("r-a", "r-b", "r-c", "r-d");
            assertThat(kept.get("d")).hasValueSatisfying(d -> assertThat(d).containsEntry("rev", 1L));
            assertThat(readAll(kept.readKeyRange("", "\uffff", 10))).extracting(d -> d.get("_id"))
                    .containsExactly("acme|a", "acme|b", "acme|c", "acme|d");
            assertThatThrownBy(() -> kept.insert(new Document("ref", "r-a"))).as("the unique index came back with the files")
                    .isInstanceOf(ConflictException.class);
            assertThat(kept.getByUniqueField("ref", "r-c")).isPresent();
        }
    }

    /** The direct read of the H2 maps pins the version it started at: it sees the range as it was then. */
    @Test
    void aKeyRangeReadIsASnapshotOfWhenItStarted() {
        ScopedCollection acme = store().scoped("acme", fresh("snapshot"));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            docs.add(new Document("_id", acme.key(String.format("s-%04d", i))).append("v", "before"));
        }
        acme.insertAll(docs);

        Iterator<? extends Map<String, Object>> read = acme.readKeyRange("s-", "s-~", 50);
        assertThat(read).as("a pinned read must be closed when left early").isInstanceOf(AutoCloseable.class);
        List<Map<String, Object>> seen = new ArrayList<>();
        seen.add(read.next());
        acme.updateMany(new Document(), new Document("$set", new Document("v", "after")));
        acme.deleteByKeys(List.of("s-0400"));
        acme.insert(new Document("_id", acme.key("s-0450x")).append("v", "new"));
        read.forEachRemaining(seen::add);
        close(read);

        assertThat(seen).hasSize(500).allSatisfy(doc -> assertThat(doc.get("v")).isEqualTo("before"));
        assertThat(readAll(acme.readKeyRange("s-", "s-~", 50))).hasSize(500)
                .allSatisfy(doc -> assertThat(doc.get("v")).isIn("after", "new"));
    }

    @Test
    void concurrentWritersShareFlushes() throws Exception {
        ScopedCollection acme = store().scoped("acme", fresh("shared_flushes"));
        long before = store().durableFlushes();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    acme.insert(new Document("_id", acme.key(thread + "-" + i)));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(acme.count(new Document())).isEqualTo(200);
        assertThat(store().durableFlushes() - before).as("flushes for 200 acknowledged writes").isPositive().isLessThan(200);
    }
}
