package dev.parley.store;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.ParleyConfig;
import dev.parley.testing.TestStores;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What Parley's features rely on from the store, run against every backend by a short subclass
 * ({@link H2StoreTest}, {@link MemoryStoreTest}, {@link ExternalMongoStoreTest}), as
 * mongo-java-server runs one abstract backend test per backend. Each test works in collections of
 * its own, so the order of tests does not matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {

    private static final long BASE = 1_750_000_000_000L;
    private static final List<String> STATUSES = List.of("sent", "delivered", "read", "failed");

    private MongoStore store;
    private final AtomicInteger collections = new AtomicInteger();

    /** The backend this class runs the contract on. */
    abstract TestStores.Backend backend();

    /** Whether the backend's durable writes wait for a flush to disk this process counts (the embedded H2 files). */
    boolean flushesToDisk() {
        return false;
    }

    /** Whether a key-range read comes in key order (callers must not rely on it: the in-memory store gives insertion order). */
    boolean keyRangesComeInKeyOrder() {
        return true;
    }

    @BeforeAll
    void openStore() {
        store = MongoStore.open(ParleyConfig.from(TestStores.settings(getClass().getSimpleName(), backend())));
    }

    @AfterAll
    void closeStore() {
        try {
            store.dropDatabase();
        } finally {
            store.close();
        }
    }

    MongoStore store() {
        return store;
    }

    /** A collection no other test writes to. */
    String fresh(String name) {
        return name + "_" + collections.incrementAndGet();
    }

    // --- tenancy -------------------------------------------------------------------------------------

    @Test
    void keyLookupsQueriesAndWritesNeverCrossTenants() {
        String name = fresh("isolation");
        ScopedCollection acme = store.scoped("acme", name);
        ScopedCollection beta = store.scoped("beta", name);
        ScopedCollection acme2 = store.scoped("acme2", name); // its keys start with "acme" too
        beta.insert(new Document("_id", beta.key("b1")).append("v", 1).append("ref", "r"));
        acme2.insert(new Document("_id", acme2.key("x")).append("v", 1).append("ref", "r"));

        assertThat(acme.get("b1")).isEmpty();
        assertThat(acme.getAll(List.of("b1", "x"))).isEmpty();
        assertThat(acme.findByKeys(List.of("b1", "x")).first()).isNull();
        assertThat(acme.getByUniqueField("ref", "r")).isEmpty();
        assertThat(acme.find(new Document("organization_id", "beta")).first()).isNull();
        assertThat(acme.find(new Document("$or", List.of(new Document("organization_id", "beta"), new Document("v", 1)))).first())
                .isNull();
        assertThat(acme.count(new Document())).isZero();
        assertThat(acme.aggregate(List.of(new Document("$match", new Document("organization_id", "beta")))).first()).isNull();
        assertThat(readAll(acme.readKeyRange("", "\uffff", 100))).isEmpty();
        assertThat(acme.updateMany(new Document(), new Document("$set", new Document("v", 2))).getMatchedCount()).isZero();
        assertThat(acme.deleteMany(new Document("v", 1)).getDeletedCount()).isZero();
        assertThat(acme.deleteByKeys(List.of("b1", "x"))).isZero();
        assertThat(acme.update("b1", new Document("$set", new Document("v", 3)))).isFalse();

        assertThat(beta.get("b1")).hasValueSatisfying(doc -> assertThat(doc.getInteger("v")).isEqualTo(1));
        assertThat(acme2.get("x")).hasValueSatisfying(doc -> assertThat(doc.getInteger("v")).isEqualTo(1));
        assertThat(beta.count(new Document())).isEqualTo(1);
    }

    @Test
    void aDocumentMustCarryItsTenantsKeyAndUpdatesCannotMoveIt() {
        ScopedCollection acme = store.scoped("acme", fresh("claims"));

        assertThatThrownBy(() -> acme.insert(new Document("_id", "beta|x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> acme.insert(new Document("_id", "acme"))).isInstanceOf(IllegalArgumentException.class);
        Document generated = new Document("v", 2).append("organization_id", "beta");
        acme.insert(generated);
        assertThat(generated.getString("_id")).startsWith("acme|");
        assertThat(generated.getString("organization_id")).isEqualTo("acme");
        String id = Keys.local(generated.getString("_id"), "acme");

        assertThatThrownBy(() -> acme.update(id, new Document("$set", new Document("organization_id", "beta"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> acme.update(id, new Document("$set", new Document("_id", "beta|x"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> acme.upsert(id, new Document("v", 3))).as("a replacement document")
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> acme.updateMany(new Document(), new Document())).isInstanceOf(InvalidInputException.class);
        assertThat(acme.get(id)).hasValueSatisfying(doc -> assertThat(doc).containsEntry("v", 2).containsEntry("organization_id", "acme"));
    }

    @Test
    void pipelinesCannotReachOtherCollections() {
        ScopedCollection acme = store.scoped("acme", fresh("pipelines"));
        assertThatThrownBy(() -> acme.aggregate(List.of(new Document("$lookup",
                new Document("from", "api_keys").append("pipeline", List.of()).append("as", "k")))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> acme.aggregate(List.of(new Document("$unionWith", "tenants"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> acme.aggregate(List.of(new Document("$out", "tenants"))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aScopedFindReturnsOnlyItsTenantsDocumentsHoweverItIsChained() {
        String name = fresh("chained_find");
        ScopedCollection acme = store.scoped("acme", name);
        ScopedCollection beta = store.scoped("beta", name);
        acme.insert(new Document("_id", acme.key("a1")).append("v", 1));
        beta.insert(new Document("_id", beta.key("b1")).append("v", 2));
        beta.insert(new Document("_id", beta.key("b2")).append("v", 3));
        Document betaOrAnything = new Document("$or", List.of(new Document("organization_id", "beta"),
                new Document("v", new Document("$gte", 0))));

        Find chained = acme.find(betaOrAnything).projection(new Document("organization_id", 1).append("v", 1))
                .sort(new Document("v", -1)).skip(0).limit(10).batchSize(1);
        assertThat(chained.into(new ArrayList<>())).extracting(d -> d.getString("organization_id")).containsExactly("acme");
        assertThat(acme.find(new Document("organization_id", "beta"))).isEmpty();
        assertThat(acme.find(new Document("_id", beta.key("b1"))).first()).isNull();
        assertThat(acme.find(null).map(d -> d.getString("organization_id")).into(new ArrayList<>())).containsExactly("acme");
        try (Found.Cursor<Document> cursor = acme.findInKeyOrder(betaOrAnything).cursor()) {
            assertThat(cursor.next().getString("_id")).isEqualTo(acme.key("a1"));
            assertThat(cursor.hasNext()).isFalse();
        }
        assertThat(acme.findByKeys(List.of("b1", "b2"))).isEmpty();
        assertThat(acme.aggregate(List.of(new Document("$match", betaOrAnything))).into(new ArrayList<>())).hasSize(1);
        assertThat(beta.find(betaOrAnything).into(new ArrayList<>())).hasSize(2);
    }

    @Test
    void tenantCollectionsOpenOnlyTheirTenantsDocuments() {
        String name = fresh("tenant_collections");
        ScopedCollection beta = store.scoped("beta", name);
        beta.insert(new Document("_id", beta.key("b1")));
        TenantCollections acme = store.tenant("acme");
        acme.open(name).insert(new Document("_id", "acme|a1"));

        ScopedCollection opened = acme.open(name);
        assertThat(opened.tenant()).isEqualTo("acme");
        assertThat(opened.find(new Document()).map(d -> d.getString("_id")).into(new ArrayList<>())).containsExactly("acme|a1");
        assertThat(opened.get("b1")).isEmpty();
        assertThat(acme.names()).contains(name);
    }

    @Test
    void pipelinesCannotReachOtherCollectionsFromInsideAFacet() {
        ScopedCollection acme = store.scoped("acme", fresh("facets"));
        assertThatThrownBy(() -> acme.aggregate(List.of(new Document("$facet", new Document("keys",
                List.of(new Document("$lookup", new Document("from", "api_keys").append("pipeline", List.of()).append("as", "k"))))))))
                .isInstanceOf(InvalidInputException.class);
    }

    // --- keys and unique indexes ---------------------------------------------------------------------

    @Test
    void concurrentInsertsAreAllWrittenAndAKeyClashFailsOnlyItsCaller() throws Exception {
        ScopedCollection acme = store.scoped("acme", fresh("concurrent"));
        acme.insert(new Document("_id", acme.key("taken")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger conflicts = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    acme.insert(new Document("_id", acme.key(thread + "-" + i)).append("i", i));
                }
                try {
                    acme.insert(new Document("_id", acme.key("taken")));
                } catch (ConflictException e) {
                    conflicts.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(conflicts).hasValue(8);
        assertThat(acme.count(new Document("i", new Document("$exists", true)))).isEqualTo(800);
        assertThat(acme.getAll(List.of("0-0", "7-99", "missing"))).hasSize(2);
    }

    @Test
    void aUniqueIndexRefusesADuplicateWithinATenantOnlyAndServesLookups() {
        String name = fresh("unique");
        IndexSpec spec = IndexSpec.on(name, "organization_id_ref_unique", "ref").asUnique();
        assertThat(store.indexes().ensure(List.of(spec))).extracting(IndexInitializer.Outcome::status)
                .containsExactly(IndexInitializer.Status.CREATED);
        assertThat(store.indexes().ensure(List.of(spec))).extracting(IndexInitializer.Outcome::status)
                .containsExactly(IndexInitializer.Status.PRESENT);
        ScopedCollection acme = store.scoped("acme", name);
        ScopedCollection beta = store.scoped("beta", name);
        acme.insert(new Document("_id", acme.key("1")).append("ref", "r1"));

        assertThatThrownBy(() -> acme.insert(new Document("_id", acme.key("2")).append("ref", "r1"))).isInstanceOf(ConflictException.class);
        beta.insert(new Document("_id", beta.key("1")).append("ref", "r1"));
        assertThat(acme.getByUniqueField("ref", "r1")).hasValueSatisfying(doc -> assertThat(doc.getString("_id")).isEqualTo("acme|1"));
        assertThat(beta.getByUniqueField("ref", "r1")).hasValueSatisfying(doc -> assertThat(doc.getString("_id")).isEqualTo("beta|1"));
        assertThat(acme.getByUniqueField("ref", "r2")).isEmpty();
        assertThat(acme.get("2")).isEmpty();
    }

    @Test
    void anIndexDeclaredWithOtherOptionsIsReportedNotReplaced() {
        String name = fresh("conflict");
        store.indexes().ensure(List.of(IndexSpec.on(name, "organization_id_code", "code").asUnique()));

        List<IndexInitializer.Outcome> outcomes = store.indexes().ensure(List.of(IndexSpec.on(name, "organization_id_code", "code")));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(IndexInitializer.Status.CONFLICT);
            assertThat(o.line()).contains("WARNING").contains("organization_id_code");
        });
        ScopedCollection acme = store.scoped("acme", name);
        acme.insert(new Document("code", "c"));
        assertThatThrownBy(() -> acme.insert(new Document("code", "c"))).as("still the unique one").isInstanceOf(ConflictException.class);
    }

    @Test
    void orderedInsertsStopAtTheFirstDuplicateAndUnorderedOnesSkipDuplicates() {
        ScopedCollection acme = store.scoped("acme", fresh("duplicates"));
        acme.insert(new Document("_id", acme.key("dup")));

        int inserted = acme.insertInOrderUntilDuplicate(List.of(doc(acme, "a"), doc(acme, "b"), doc(acme, "dup"), doc(acme, "c")));
        Set<Integer> skipped = acme.insertAllSkippingDuplicates(List.of(doc(acme, "x"), doc(acme, "dup"), doc(acme, "y"), doc(acme, "a")));
        acme.awaitDurable();

        assertThat(inserted).isEqualTo(2);
        assertThat(skipped).containsExactlyInAnyOrder(1, 3);
        assertThat(acme.getAll(List.of("a", "b", "c", "x", "y", "dup"))).extracting(d -> d.getString("_id"))
                .containsExactlyInAnyOrder("acme|a", "acme|b", "acme|x", "acme|y", "acme|dup");
        assertThat(acme.insertAllSkippingDuplicates(List.of())).isEmpty();
        assertThat(acme.get("a")).hasValueSatisfying(d -> assertThat(d).containsEntry("organization_id", "acme"));
    }

    private static Document doc(ScopedCollection collection, String localId) {
        return new Document("_id", collection.key(localId)).append("n", localId);
    }

    /** MongoDB compares numbers by value: 1, 1L and 1.0 are one key, as on every backend. */
    @Test
    void numericallyEqualKeysAreOneKey() {
        MongoCollection<Document> raw = store.collection(fresh("numbers"));
        raw.insertOne(new Document("_id", 1));

        assertThatThrownBy(() -> raw.insertOne(new Document("_id", 1L))).isInstanceOf(MongoWriteException.class);
        assertThatThrownBy(() -> raw.insertOne(new Document("_id", 1.0))).isInstanceOf(MongoWriteException.class);
        raw.insertOne(new Document("_id", "1"));
        assertThat(raw.countDocuments()).isEqualTo(2);
    }

    @Test
    void everyBsonTypeReadsBackAsWritten() {
        ScopedCollection acme = store.scoped("acme", fresh("types"));
        Document original = new Document("_id", acme.key(new ObjectId().toHexString()))
                .append("text", "مرحبا hello \uD83D\uDE00").append("int", 7).append("long", 1L << 40).append("double", 2.5)
                .append("decimal", new Decimal128(new BigDecimal("12.34"))).append("bool", true).append("null", null)
                .append("date", new Date(1_700_000_000_123L)).append("binary", new Binary(new byte[]{1, 2, 3}))
                .append("object_id", new ObjectId()).append("list", List.of(1, "two", new Document("three", List.of(3.0))))
                .append("nested", new Document("deeper", new Document("deepest", "x")));
        acme.insert(original);

        assertThat(acme.get(Keys.local(original.getString("_id"), "acme"))).contains(original);
    }

    // --- reads by key --------------------------------------------------------------------------------

    @Test
    void readsByKeyFindExactlyTheNamedDocuments() {
        ScopedCollection acme = store.scoped("acme", fresh("by_key"));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            docs.add(new Document("_id", acme.key("k" + i)).append("n", i).append("extra", "x"));
        }
        acme.insertAll(docs);

        assertThat(acme.getAll(List.of("k1", "k1", "k49", "nope"))).extracting(d -> d.getInteger("n")).containsExactlyInAnyOrder(1, 49);
        assertThat(acme.getAll(List.of())).isEmpty();
        List<Document> sorted = acme.findByKeys(List.of("k3", "k30", "k7")).sort(new Document("n", -1))
                .projection(new Document("n", 1).append("_id", 0)).into(new ArrayList<>());
        assertThat(sorted).containsExactly(new Document("n", 30), new Document("n", 7), new Document("n", 3));
    }

    @Test
    void aKeyRangeReadGivesTheTenantsDocumentsInTheRangeAsPlainValues() {
        String name = fresh("key_range");
        ScopedCollection acme = store.scoped("acme", name);
        ScopedCollection acme2 = store.scoped("acme2", name);
        ScopedCollection beta = store.scoped("beta", name);
        assertThat(readAll(acme.readKeyRange("", "\uffff", 10))).as("a collection never written").isEmpty();
        List<Integer> order = new ArrayList<>(List.of(5, 1, 9, 3, 7, 0, 8, 2, 6, 4));
        for (int i : order) { // written out of key order
            Document doc = new Document("_id", acme.key("e-" + i)).append("n", i).append("at", new Date(BASE + i))
                    .append("nested", new Document("list", List.of(i, "x"))).append("flag", i % 2 == 0);
            acme.insert(doc);
        }
        acme.insert(new Document("_id", acme.key("f-0")));
        acme.insert(new Document("_id", acme.key("d-9")));
        acme2.insert(new Document("_id", acme2.key("e-1")));
        beta.insert(new Document("_id", beta.key("e-1")));

        List<Map<String, Object>> found = readAll(acme.readKeyRange("e-2", "e-7", 2)); // [from, to)
        List<Object> keys = found.stream().map(d -> d.get("_id")).toList();
        if (keyRangesComeInKeyOrder()) {
            assertThat(keys).containsExactly("acme|e-2", "acme|e-3", "acme|e-4", "acme|e-5", "acme|e-6");
        } else {
            assertThat(keys).containsExactlyInAnyOrder("acme|e-2", "acme|e-3", "acme|e-4", "acme|e-5", "acme|e-6");
        }
        Map<String, Object> five = found.stream().filter(d -> "acme|e-5".equals(d.get("_id"))).findFirst().orElseThrow();
        assertThat(((Number) five.get("n")).intValue()).isEqualTo(5);
        assertThat(five.get("flag")).isEqualTo(false);
        assertThat(five.get("organization_id")).isEqualTo("acme");
        assertThat(millis(five.get("at"))).isEqualTo(BASE + 5);
        assertThat(((Map<?, ?>) five.get("nested")).get("list")).isEqualTo(List.of(5, "x"));
        assertThat(readAll(acme.readKeyRange("", "\uffff", 3))).hasSize(12);
        assertThat(readAll(acme.readKeyRange("e-7", "e-2", 3))).isEmpty();
    }

    /** A long read while its range is written to: every document it did not touch is read exactly once. */
    @Test
    void aKeyRangeReadOutlivesWritesToItsRange() {
        ScopedCollection acme = store.scoped("acme", fresh("long_read"));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            docs.add(new Document("_id", acme.key(String.format("m-%05d", i))).append("n", i));
        }
        acme.insertAll(docs);

        Iterator<? extends Map<String, Object>> read = acme.readKeyRange("m-", "m-~", 100);
        Map<Object, Integer> seen = new HashMap<>();
        for (int i = 0; i < 1_000 && read.hasNext(); i++) {
            seen.merge(read.next().get("_id"), 1, Integer::sum);
        }
        Set<String> touched = Set.of("m-02000", "m-02500", "m-02999");
        acme.update("m-02000", new Document("$set", new Document("n", -1)));
        acme.deleteByKeys(List.of("m-02500"));
        acme.replaceByKey("m-02999", new Document("n", -2));
        acme.insert(new Document("_id", acme.key("m-01500x")));
        while (read.hasNext()) {
            seen.merge(read.next().get("_id"), 1, Integer::sum);
        }
        close(read);

        assertThat(seen.values()).as("no document read twice").allMatch(count -> count == 1);
        for (int i = 0; i < 3_000; i++) {
            String key = String.format("m-%05d", i);
            if (!touched.contains(key)) {
                assertThat(seen).containsKey("acme|" + key);
            }
        }
        assertThat(acme.get("m-02000")).hasValueSatisfying(d -> assertThat(d.getInteger("n")).isEqualTo(-1));
    }

    /** The audit chain's verification reads a long range in parts, on several threads at once. */
    @Test
    void partsOfAKeyRangeReadOnSeveralThreadsMakeUpTheWholeRange() throws Exception {
        ScopedCollection logs = store.scoped("acme", fresh("parts"));
        List<Document> docs = new ArrayList<>();
        for (int i = 1; i <= 2_000; i++) {
            docs.add(new Document("_id", logs.key(String.format("%012d", i))).append("seq", (long) i));
        }
        logs.insertAll(docs);
        store.scoped("beta", logs.name()).insert(new Document("_id", "beta|" + String.format("%012d", 5)));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Map<String, Object>>>> parts = new ArrayList<>();
        for (int part = 0; part < 4; part++) {
            String from = String.format("%012d", 1 + part * 500);
            String to = part == 3 ? "\uffff" : String.format("%012d", 1 + (part + 1) * 500);
            parts.add(pool.submit(() -> readAll(logs.readKeyRange(from, to, 100))));
        }
        List<Long> seqs = new ArrayList<>();
        for (Future<List<Map<String, Object>>> part : parts) {
            List<Map<String, Object>> read = part.get();
            assertThat(read).hasSize(500);
            read.forEach(entry -> seqs.add(((Number) entry.get("seq")).longValue()));
        }
        pool.shutdown();

        assertThat(seqs).hasSize(2_000).doesNotHaveDuplicates().allMatch(seq -> seq >= 1 && seq <= 2_000);
    }

    /** Reads a key range to its end (closing it, as callers must when they leave early). */
    static List<Map<String, Object>> readAll(Iterator<? extends Map<String, Object>> read) {
        List<Map<String, Object>> all = new ArrayList<>();
        read.forEachRemaining(all::add);
        close(read);
        return all;
    }

    static void close(Iterator<?> read) {
        if (read instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static long millis(Object time) {
        return time instanceof Date date ? date.getTime() : ((java.time.Instant) time).toEpochMilli();
    }

    // --- updates -------------------------------------------------------------------------------------

    @Test
    void versionedWritesApplyOnlyAtTheRevTheyWereReadAt() {
        ScopedCollection acme = store.scoped("acme", fresh("versioned"));
        List<ScopedCollection.VersionedChange> create = List.of(
                new ScopedCollection.VersionedChange("m1", 0, new Document("status", "sent")),
                new ScopedCollection.VersionedChange("m2", 0, new Document("status", "sent")));
        assertThat(acme.writeVersioned("message_id", create)).isTrue();
        assertThat(acme.get("m1")).hasValueSatisfying(d -> assertThat(d).containsEntry("rev", 1L)
                .containsEntry("message_id", "m1").containsEntry("organization_id", "acme"));

        assertThat(acme.writeVersioned("message_id", List.of(new ScopedCollection.VersionedChange("m1", 1, new Document("status", "read")))))
                .isTrue();
        assertThat(acme.writeVersioned("message_id", List.of(new ScopedCollection.VersionedChange("m1", 1, new Document("status", "lost")))))
                .as("a write based on a stale rev").isFalse();
        assertThat(acme.writeVersioned("message_id", List.of(new ScopedCollection.VersionedChange("m2", 0, new Document("status", "dup")))))
                .as("a second first write").isFalse();
        assertThat(acme.writeVersioned("message_id", List.of(
                new ScopedCollection.VersionedChange("m2", 1, new Document("status", "delivered")),
                new ScopedCollection.VersionedChange("m1", 1, new Document("status", "stale")))))
                .as("one of two lost its race").isFalse();
        acme.awaitDurable();

        assertThat(acme.get("m1")).hasValueSatisfying(d -> assertThat(d).containsEntry("status", "read").containsEntry("rev", 2L));
        assertThat(acme.get("m2")).hasValueSatisfying(d -> assertThat(d).containsEntry("status", "delivered").containsEntry("rev", 2L));
        assertThat(acme.writeVersioned("message_id", List.of())).isTrue();
    }

    /** Filters on {@code _id} plus other fields (answered by key on the embedded backends) mean what they mean on MongoDB. */
    @Test
    void aFilterOnIdAndMoreFindsTheDocumentOnlyWhenTheRestMatches() {
        MongoCollection<Document> docs = store.collection(fresh("id_first"));
        List<Document> batch = new ArrayList<>();
        for (int n = 0; n < 500; n++) {
            batch.add(new Document("_id", "t|m-" + n).append("rev", 1L).append("status", "sent").append("n", n));
        }
        docs.insertMany(batch);

        assertThat(docs.find(new Document("_id", "t|m-7").append("rev", 1L)).first()).containsEntry("n", 7);
        assertThat(docs.find(new Document("_id", "t|m-7").append("rev", 2L)).first()).isNull();
        assertThat(docs.find(new Document("_id", "t|m-7").append("status", new Document("$in", List.of("sent", "read")))).first())
                .containsEntry("n", 7);
        assertThat(docs.find(new Document("_id", "t|none").append("rev", 1L)).first()).isNull();

        // the optimistic write: a replacement conditional on the rev it was read at
        assertThat(docs.replaceOne(new Document("_id", "t|m-7").append("rev", 1L),
                new Document("_id", "t|m-7").append("rev", 2L).append("status", "read").append("n", 7)).getMatchedCount()).isEqualTo(1);
        assertThat(docs.replaceOne(new Document("_id", "t|m-7").append("rev", 1L),
                new Document("_id", "t|m-7").append("rev", 2L).append("status", "lost race").append("n", 7)).getMatchedCount())
                .as("a write based on a stale rev misses").isZero();
        assertThat(docs.find(new Document("_id", "t|m-7")).first()).containsEntry("status", "read").containsEntry("rev", 2L);
        assertThat(docs.updateOne(new Document("_id", "t|m-8").append("rev", 1L), new Document("$set", new Document("status", "read")))
                .getModifiedCount()).isEqualTo(1);
        assertThat(docs.replaceOne(new Document("_id", "t|m-9").append("rev", 5L), new Document("status", "x"),
                new ReplaceOptions().upsert(false)).getMatchedCount()).isZero();

        // expressions on _id keep their meaning (answered by a scan on the embedded backends)
        assertThat(docs.countDocuments(new Document("_id", new Document("$in", List.of("t|m-1", "t|m-2", "t|m-7"))).append("rev", 1L)))
                .isEqualTo(2);
    }

    @Test
    void updatesByKeyChangeOneDocumentAndStampTheTenantOnInsert() {
        ScopedCollection acme = store.scoped("acme", fresh("by_key_updates"));
        acme.upsert("counter", new Document("$inc", new Document("n", 1)));
        acme.upsert("counter", new Document("$inc", new Document("n", 1)));
        assertThat(acme.get("counter")).hasValueSatisfying(d -> assertThat(d).containsEntry("n", 2).containsEntry("organization_id", "acme"));

        assertThat(acme.updateByKey("absent", new Document("$set", new Document("v", 1)), false).getMatchedCount()).isZero();
        assertThat(acme.update("absent", new Document("$set", new Document("v", 1)))).isFalse();
        assertThat(acme.update("counter", new Document("$set", new Document("v", 1)))).isTrue();
        assertThat(acme.get("absent")).isEmpty();

        Map<String, Document> updates = new LinkedHashMap<>();
        updates.put("counter", new Document("$inc", new Document("n", 10)));
        updates.put("new-1", new Document("$set", new Document("v", "one")));
        updates.put("new-2", new Document("$set", new Document("v", "two")));
        acme.updateByKeys(updates, true);
        acme.updateByKeys(Map.of(), true);
        acme.awaitDurable();
        assertThat(acme.get("counter")).hasValueSatisfying(d -> assertThat(d.getInteger("n")).isEqualTo(12));
        assertThat(acme.getAll(List.of("new-1", "new-2"))).allSatisfy(d -> assertThat(d).containsEntry("organization_id", "acme"))
                .extracting(d -> d.getString("v")).containsExactlyInAnyOrder("one", "two");

        Document after = acme.updateAndGet("seq", new Document("$inc", new Document("next", 5)), new Document("next", 1).append("_id", 0));
        assertThat(after).isEqualTo(new Document("next", 5));
        assertThat(acme.incrementAndGet("seq", "next", 2, new Document("kind", "sequence"))).isEqualTo(7);
        assertThat(acme.incrementAndGet("seq2", "next", 1, new Document("kind", "sequence"))).isEqualTo(1);
        assertThat(acme.get("seq2")).hasValueSatisfying(d -> assertThat(d).containsEntry("kind", "sequence").containsEntry("organization_id", "acme"));

        acme.replaceByKey("new-1", new Document("w", 1));
        acme.replaceByKey("new-3", new Document("w", 3));
        assertThat(acme.get("new-1")).hasValueSatisfying(d -> assertThat(d).doesNotContainKey("v").containsEntry("w", 1)
                .containsEntry("organization_id", "acme"));
        assertThat(acme.get("new-3")).hasValueSatisfying(d -> assertThat(d).containsEntry("w", 3));
    }

    @Test
    void bulkWritesCoverManyDocumentsAndOnlyTheTenants() {
        String name = fresh("bulk");
        ScopedCollection acme = store.scoped("acme", name);
        ScopedCollection beta = store.scoped("beta", name);
        List<Document> docs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            docs.add(new Document("_id", acme.key("d" + i)).append("i", i).append("kind", i % 2 == 0 ? "even" : "odd"));
            ids.add("d" + i);
        }
        acme.insertAll(docs);
        beta.insertAll(List.of(new Document("_id", beta.key("d1")).append("i", 1).append("kind", "odd")));

        assertThat(acme.updateMany(new Document("kind", "odd"), new Document("$set", new Document("seen", true))).getMatchedCount())
                .isEqualTo(1_250);
        assertThat(acme.deleteByKeys(ids.subList(0, 2_100))).as("more keys than one round trip takes").isEqualTo(2_100);
        acme.awaitDurable();
        assertThat(acme.count(new Document())).isEqualTo(400);
        assertThat(acme.count(new Document("seen", true))).isEqualTo(200);
        assertThat(acme.deleteMany(new Document("kind", "even")).getDeletedCount()).isEqualTo(200);
        assertThat(acme.count(new Document())).isEqualTo(200);
        assertThat(beta.get("d1")).hasValueSatisfying(d -> assertThat(d).doesNotContainKey("seen"));
    }

    // --- durability ----------------------------------------------------------------------------------

    /** On H2 each durable write returns only after a flush that began after it; on a store without files there is nothing to flush. */
    @Test
    void everyDurableWriteReturnsAfterAFlush() {
        ScopedCollection acme = store.scoped("acme", fresh("durable"));
        PlatformCollection platform = store.platform(fresh("durable_platform"));
        Map<String, Runnable> writes = new LinkedHashMap<>();
        writes.put("insert", () -> acme.insert(new Document("_id", acme.key("a"))));
        writes.put("insertAll", () -> acme.insertAll(List.of(new Document("_id", acme.key("b")), new Document("_id", acme.key("c")))));
        writes.put("upsert", () -> acme.upsert("d", new Document("$set", new Document("v", 1))));
        writes.put("update", () -> acme.update("d", new Document("$set", new Document("v", 2))));
        writes.put("replaceByKey", () -> acme.replaceByKey("e", new Document("v", 1)));
        writes.put("updateMany", () -> acme.updateMany(new Document("v", 2), new Document("$set", new Document("v", 3))));
        writes.put("deleteMany", () -> acme.deleteMany(new Document("v", 3)));
        writes.put("updateByKey + awaitDurable", () -> {
            acme.updateByKey("f", new Document("$set", new Document("v", 1)), true);
            acme.awaitDurable();
        });
        writes.put("platform insert", () -> platform.insert(new Document("_id", "p1")));
        writes.put("platform update", () -> platform.update("p1", new Document("$set", new Document("v", 1))));
        writes.put("platform replace", () -> platform.replace(new Document("_id", "p2")));
        writes.put("platform delete", () -> platform.delete("p2"));

        writes.forEach((name, write) -> {
            long before = store.durableFlushes();
            write.run();
            if (flushesToDisk()) {
                assertThat(store.durableFlushes()).as(name).isGreaterThan(before);
            } else {
                assertThat(store.durableFlushes()).as(name).isZero();
            }
        });
        assertThat(acme.getAll(List.of("a", "b", "c", "d", "e", "f"))).hasSize(5);
        assertThat(platform.get("p1")).hasValueSatisfying(d -> assertThat(d).containsEntry("v", 1));
        assertThat(platform.get("p2")).isEmpty();
    }

    /** A feature's group commit (e.g. status events): each caller gets its own result, a failed request fails alone. */
    @Test
    void aGroupCommitWritesEveryRequestAndFailsOnlyTheBadOne() throws Exception {
        String name = fresh("group_commit");
        try (GroupCommit<String> commits = store.groupCommit("contract", batch ->
                GroupCommit.perGroup(batch, value -> value.split(":")[0], (tenant, requests) -> {
                    ScopedCollection scoped = store.scoped(tenant, name);
                    for (GroupCommit.Request<String> request : requests) {
                        String id = request.value().split(":")[1];
                        if (id.startsWith("bad")) {
                            request.fail(new InvalidInputException("id", "is bad"));
                        } else {
                            long n = scoped.incrementAndGet("counter", "n", 1, null);
                            scoped.updateByKey(id, new Document("$set", new Document("n", n)), true);
                            request.result(n);
                        }
                    }
                }), value -> 1, 100)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            Map<String, List<Future<Object>>> results = Map.of("acme", new ArrayList<>(), "beta", new ArrayList<>());
            for (int i = 0; i < 80; i++) {
                String tenant = i % 2 == 0 ? "acme" : "beta";
                String value = tenant + ":m" + i;
                results.get(tenant).add(pool.submit(() -> commits.submit(value)));
            }
            assertThatThrownBy(() -> commits.submit("acme:bad")).isInstanceOf(InvalidInputException.class);
            for (List<Future<Object>> tenantResults : results.values()) {
                List<Long> numbers = new ArrayList<>();
                for (Future<Object> result : tenantResults) {
                    numbers.add((Long) result.get());
                }
                assertThat(numbers).as("each request of a tenant got its own number").hasSize(40).doesNotHaveDuplicates()
                        .allMatch(n -> n >= 1 && n <= 40);
            }
            pool.shutdown();

            assertThat(store.scoped("acme", name).count(new Document("n", new Document("$exists", true)))).isEqualTo(41); // 40 + its counter
            assertThat(store.scoped("beta", name).get("counter")).hasValueSatisfying(d -> assertThat(d.getLong("n")).isEqualTo(40L));
            assertThat(store.scoped("acme", name).get("bad")).isEmpty();
        }
    }

    // --- the query shapes of the status lists and counts (seed 002) --------------------------------

    /**
     * Messages with Parley's three status indexes, which the H2 server builds and answers from
     * ({@link OrderedIndex}, {@link CountingIndex}); the other backends answer by scan or by their own
     * indexes. Every backend must give the same answers through updates and deletes.
     */
    private List<Document> statusMessages(ScopedCollection messages, String other) {
        store.indexes().ensure(List.of(
                IndexSpec.on(messages.name(), "organization_id_status_latest_timestamp", "status", "-latest_timestamp"),
                IndexSpec.on(messages.name(), "organization_id_last_updated_at", "last_updated_at"),
                IndexSpec.on(messages.name(), "organization_id_conversation_id_status", "conversation_id", "status")));
        Random random = new Random(7);
        List<Integer> times = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            times.add(i);
        }
        java.util.Collections.shuffle(times, random); // distinct times: ties are ordered differently by each server
        Map<String, Document> stored = new TreeMap<>();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Document doc = new Document("_id", messages.key("m" + i)).append("message_id", "m" + i)
                    .append("conversation_id", "c" + random.nextInt(6))
                    .append("latest_timestamp", new Date(BASE + times.get(i) * 1_000L))
                    .append("last_updated_at", new Date(BASE + times.get(i) * 1_000L + 500));
            if (i % 13 != 0) { // some have no status yet
                doc.append("status", STATUSES.get(random.nextInt(STATUSES.size())));
            }
            docs.add(doc);
            stored.put("m" + i, doc);
        }
        messages.insertAll(docs);
        store.scoped(other, messages.name()).insertAll(List.of(new Document("message_id", "o1").append("status", "sent")
                .append("conversation_id", "c1").append("latest_timestamp", new Date(BASE + 999_000))
                .append("last_updated_at", new Date(BASE + 999_000))));
        for (int i = 0; i < 120; i++) { // statuses move, times change
            String id = "m" + random.nextInt(400);
            Document change = new Document("status", STATUSES.get(random.nextInt(STATUSES.size())))
                    .append("latest_timestamp", new Date(BASE + (1_000 + i) * 1_000L))
                    .append("last_updated_at", new Date(BASE + (1_000 + i) * 1_000L + 500));
            messages.update(id, new Document("$set", change));
            stored.get(id).putAll(change);
        }
        for (int i = 0; i < 40; i++) {
            String id = "m" + (i * 9);
            messages.deleteByKeys(List.of(id));
            stored.remove(id);
        }
        messages.update("m1", new Document("$unset", new Document("status", "")));
        stored.get("m1").remove("status");
        messages.awaitDurable();
        return new ArrayList<>(stored.values());
    }

    @Test
    void statusListsComeNewestFirstThroughUpdatesAndDeletes() {
        ScopedCollection messages = store.scoped("acme", fresh("status_lists"));
        List<Document> stored = statusMessages(messages, "beta");
        List<String> unread = List.of("sent", "delivered");
        Predicate<Document> isUnread = d -> d.get("status") != null && unread.contains(d.getString("status"));

        List<Document> page = messages.find(new Document("status", new Document("$in", unread)))
                .projection(new Document("message_id", 1).append("latest_timestamp", 1)).sort(new Document("latest_timestamp", -1))
                .limit(25).into(new ArrayList<>());
        assertThat(ids(page)).containsExactlyElementsOf(expected(stored, isUnread, "latest_timestamp", -1, 25));
        assertThat(page.get(0).keySet()).containsExactlyInAnyOrder("_id", "message_id", "latest_timestamp");

        Date cursor = page.get(24).getDate("latest_timestamp");
        List<Document> next = messages.find(new Document("status", new Document("$in", unread))
                        .append("latest_timestamp", new Document("$lt", cursor)))
                .sort(new Document("latest_timestamp", -1)).limit(25).into(new ArrayList<>());
        assertThat(ids(next)).containsExactlyElementsOf(expected(stored, d -> isUnread.test(d)
                && d.getDate("latest_timestamp").before(cursor), "latest_timestamp", -1, 25));

        List<Document> ties = messages.find(new Document("status", new Document("$in", unread)).append("latest_timestamp", cursor))
                .into(new ArrayList<>());
        assertThat(ids(ties)).containsExactly(ids(page).get(24));

        Date since = new Date(BASE + 1_050_000L);
        List<Document> moved = messages.find(new Document("last_updated_at", new Document("$gte", since)))
                .sort(new Document("last_updated_at", 1)).limit(30).into(new ArrayList<>());
        assertThat(ids(moved)).containsExactlyElementsOf(expected(stored, d -> !d.getDate("last_updated_at").before(since),
                "last_updated_at", 1, 30));
        assertThat(messages.find(new Document("status", "read")).sort(new Document("latest_timestamp", 1)).first().getString("message_id"))
                .isEqualTo(expected(stored, d -> "read".equals(d.getString("status")), "latest_timestamp", 1, 1).get(0));
    }

    @Test
    void statusCountsGroupedAsParleyAsksForThemCountWhatIsStored() {
        ScopedCollection messages = store.scoped("acme", fresh("status_counts"));
        List<Document> stored = statusMessages(messages, "beta");
        List<Document> withStatus = stored.stream().filter(d -> d.containsKey("status")).toList();

        assertThat(counted(messages, List.of("conversation_id", "status"))).containsExactlyElementsOf(
                countedHere(withStatus, List.of("conversation_id", "status")));
        assertThat(counted(messages, List.of("status"))).containsExactlyElementsOf(countedHere(withStatus, List.of("status")));
        assertThat(counted(messages, List.of("status", "conversation_id"))).containsExactlyElementsOf(
                countedHere(withStatus, List.of("status", "conversation_id")));
        assertThat(messages.count(new Document("status", new Document("$in", List.of("read", "failed")))))
                .isEqualTo(withStatus.stream().filter(d -> Set.of("read", "failed").contains(d.getString("status"))).count());
        assertThat(messages.count(new Document("conversation_id", "c1").append("status", "sent")))
                .isEqualTo(withStatus.stream().filter(d -> "c1".equals(d.get("conversation_id")) && "sent".equals(d.get("status"))).count());
    }

    /** {@code Messages.statusCounts}'s pipeline: rows as {@code field=value/…=count}, in the groups' order. */
    private static List<String> counted(ScopedCollection messages, List<String> fields) {
        Document id = new Document();
        Document sort = new Document();
        fields.forEach(f -> {
            id.append(f, "$" + f);
            sort.append("_id." + f, 1);
        });
        List<Document> rows = messages.aggregate(List.of(
                new Document("$match", new Document("status", new Document("$exists", true))),
                new Document("$group", new Document("_id", id).append("count", new Document("$sum", 1))),
                new Document("$sort", sort))).into(new ArrayList<>());
        return rows.stream().map(row -> row(fields, (Document) row.get("_id"), ((Number) row.get("count")).longValue())).toList();
    }

    private static List<String> countedHere(List<Document> docs, List<String> fields) {
        Map<List<String>, Long> counts = new TreeMap<>((a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        for (Document doc : docs) {
            counts.merge(fields.stream().map(doc::getString).toList(), 1L, Long::sum);
        }
        List<String> rows = new ArrayList<>();
        counts.forEach((values, count) -> {
            Document id = new Document();
            for (int i = 0; i < fields.size(); i++) {
                id.append(fields.get(i), values.get(i));
            }
            rows.add(row(fields, id, count));
        });
        return rows;
    }

    private static String row(List<String> fields, Document id, long count) {
        return String.join("/", fields.stream().map(f -> f + "=" + id.get(f)).toList()) + "=" + count;
    }

    private static List<String> ids(List<Document> docs) {
        return docs.stream().map(d -> d.getString("message_id")).toList();
    }

    private static List<String> expected(List<Document> stored, Predicate<Document> filter, String field, int direction, int limit) {
        return stored.stream().filter(filter)
                .sorted((a, b) -> direction * a.getDate(field).compareTo(b.getDate(field)))
                .limit(limit).map(d -> d.getString("message_id")).toList();
    }
}
