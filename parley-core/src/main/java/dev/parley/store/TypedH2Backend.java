package dev.parley.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.Cursor;

/**
 * mongo-java-server's H2 backend with typed maps: unique-index keys compared by value
 * ({@link KeyValueOrder}) and documents stored as BSON ({@link BsonDocumentType}). The stock maps
 * use H2's generic object type, which Java-serialises keys to compare them and documents to store
 * them; profiles put most of the embedded server's CPU there.
 *
 * <p>The typed maps have their own names, because their bytes and order differ. A file written by
 * the stock backend is converted the first time a map is opened: its entries are copied into
 * the typed map and the stock map is removed.
 */
final class TypedH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(TypedH2Backend.class);
    private static final String DATA_PREFIX = "databases.";
    private static final String TYPED_DATA_SUFFIX = "#bson";
    private static final String STOCK_INDEX = "._index_";
    private static final String TYPED_INDEX = "._vindex_";

    TypedH2Backend(String fileName, int cacheMegabytes) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes).open());
    }

    /**
     * Keeps the store's current version, and every chunk its pages live in, until the returned
     * action runs. H2 frees chunks that background compaction emptied once a few versions have
     * passed (45 s at most), whether or not a cursor still walks pages in them: a long scan then
     * fails with "Chunk N not found" (h2database#4383, open against 2.4.240). Reads pin the version
     * they walk, as H2's own transactions do.
     */
    Runnable pinVersion() {
        MVStore store = getMvStore();
        MVStore.TxCounter counter = store.registerVersionUsage();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                store.deregisterVersionUsage(counter);
            }
        };
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new TypedDatabase(databaseName);
    }

    /** Opens {@code typedName}, filling it from {@code stockName} (then removed) if only that exists. */
    private <K, V> MVMap<K, V> openConverted(String typedName, String stockName, MVMap.Builder<K, V> typed) {
        MVStore store = getMvStore();
        boolean fresh = !store.hasMap(typedName);
        MVMap<K, V> map = store.openMap(typedName, typed);
        if (fresh && store.hasMap(stockName)) {
            MVMap<K, V> stock = store.openMap(stockName);
            stock.forEach(map::put);
            store.removeMap(stock);
            log.info("converted {} to {} ({} entries)", stockName, typedName, map.sizeAsLong());
        }
        return map;
    }

    /**
     * The documents of {@code database.collection} whose {@code _id} is a text in
     * {@code [from, to)}, in key order (see {@link ScopedCollection#readKeyRange}), read from the map itself
     * rather than through the server: for a long read in key order (audit verification) that needs
     * no query, no copies and no wire round trips. H2's cursor sees the map as it was when it started.
     */
    Iterator<Map<String, Object>> documentsInKeyOrder(String database, String collection, String from, String to) {
        String name = DATA_PREFIX + database + "." + collection + TYPED_DATA_SUFFIX;
        if (!getMvStore().hasMap(name)) {
            return Collections.emptyIterator();
        }
        MVMap<Object, Document> map = getMvStore().openMap(name, new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
        Runnable release = pinVersion();
        Cursor<Object, Document> cursor = map.cursor(from);
        return new KeyOrderIterator(cursor, to, release);
    }

    /** Documents in key order up to {@code to}; releases its pinned version when done or closed. */
    static final class KeyOrderIterator implements Iterator<Map<String, Object>>, AutoCloseable {

        private final Cursor<Object, Document> cursor;
        private final String to;
        private final Runnable release;
        private Map<String, Object> next;

        KeyOrderIterator(Cursor<Object, Document> cursor, String to, Runnable release) {
            this.cursor = cursor;
            this.to = to;
            this.release = release;
            this.next = advance();
        }

        private Map<String, Object> advance() {
            if (cursor.hasNext()) {
                Object key = cursor.next();
                if (key instanceof String text && text.compareTo(to) < 0) {
                    return PlainDocuments.of(cursor.getValue());
                }
            }
            release.run();
            return null;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Map<String, Object> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Map<String, Object> current = next;
            next = advance();
            return current;
        }

        @Override
        public void close() {
            release.run();
        }
    }

    /**
     * An inner class on purpose: H2Database's constructor already opens collections and indexes,
     * before any field of a subclass is set, but the enclosing backend (and its MVStore) is reachable.
     */
    private final class TypedDatabase extends H2Database {

        TypedDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        private String dataMapName(String collection) {
            return DATA_PREFIX + getFullCollectionNamespace(collection) + TYPED_DATA_SUFFIX;
        }

        private String indexMapName(String collection, String index) {
            return getFullCollectionNamespace(collection) + TYPED_INDEX + index;
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
            String stockName = DATA_PREFIX + getFullCollectionNamespace(collection);
            MVMap<Object, Document> data = openConverted(dataMapName(collection), stockName,
                    new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
            MVMap<String, Object> meta = getMvStore().openMap("meta." + getFullCollectionNamespace(collection));
            return new SnapshotH2Collection(this, collection, options, data, meta, getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys, boolean sparse) {
            MVMap<KeyValue, Object> map = openConverted(indexMapName(collection, index),
                    getFullCollectionNamespace(collection) + STOCK_INDEX + index,
                    new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueOrder()));
            return new ValueOrderedIndex(map, index, keys, sparse);
        }

        /** A counting aggregation an ordered index can answer is answered from it ({@link GroupCountQuery}). */
        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            if (command.equalsIgnoreCase("aggregate") && query.get(command) instanceof String collection) {
                Document answer = GroupCountQuery.answer(query, resolveCollection(collection, false), getFullCollectionNamespace(collection));
                if (answer != null) {
                    return answer;
                }
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
        }

        /** The declared secondary indexes in {@link OrderedIndex#BUILT} and {@link CountingIndex#BUILT}; the others stay unbuilt, as mongo-java-server leaves them. */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collection, String index, List<IndexKey> keys, boolean sparse) {
            if (!sparse && CountingIndex.builds(index)) {
                return new CountingIndex(getMvStore().openMap(indexMapName(collection, index),
                        new MVMap.Builder<KeyValue, Long>().keyType(new KeyValueOrder())), index, keys);
            }
            if (sparse || !OrderedIndex.builds(index)) {
                return super.openOrCreateSecondaryIndex(collection, index, keys, sparse);
            }
            MVMap<KeyValue, Object> map = getMvStore().openMap(indexMapName(collection, index),
                    new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueOrder()));
            return new OrderedIndex(map, index, keys);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(indexMapName(collection.getCollectionName(), indexName));
        }

        @Override
        public void dropCollection(String collection, Oplog oplog) {
            super.dropCollection(collection, oplog);
            getMvStore().removeMap(dataMapName(collection));
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newName) {
            super.moveCollection(oldDatabase, collection, newName);
            MVStore store = getMvStore();
            String from = DATA_PREFIX + collection.getFullName() + TYPED_DATA_SUFFIX;
            if (store.hasMap(from)) {
                store.renameMap(store.openMap(from), dataMapName(newName));
            }
        }
    }
}
