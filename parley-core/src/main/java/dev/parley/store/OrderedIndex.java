package dev.parley.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A secondary (non-unique) index for the embedded H2 server, which mongo-java-server does not
 * build: a B-tree map in the same MVStore as the documents, so it is committed and synced with
 * them by the same group commit. Each key is the indexed values followed by the document's
 * {@code _id}, which makes it unique and orders ties; values are compared in MongoDB's order
 * ({@link KeyValueOrder}), all ascending (a descending key is walked backwards). Queries reach it
 * through {@link OrderedIndexQuery}; the stock planner never asks it ({@link #canHandle}).
 */
final class OrderedIndex extends EmbeddedSecondaryIndex implements GroupCounts {

    /**
     * The declared secondary indexes the embedded server builds. Each costs every write to its
     * collection, so only those that serve a query nothing else can reach by key are built: seed
     * 002's status lists (newest {@code latest_timestamp} first by status) and "updated since"
     * (its counts: {@link CountingIndex}).
     */
    static final Set<String> BUILT = Set.of("organization_id_status_latest_timestamp", "organization_id_last_updated_at");

    /** Benchmarks measure what the built indexes (these and {@link CountingIndex}) cost writes by leaving them unbuilt ({@code -Dparley.ordered_indexes=off}). */
    static final String SWITCH = "parley.ordered_indexes";

    /** True when the embedded server builds the declared index {@code name}. */
    static boolean builds(String name) {
        return BUILT.contains(name) && !"off".equalsIgnoreCase(System.getProperty(SWITCH));
    }

    private final MVMap<KeyValue, Object> map;

    OrderedIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys) {
        super(name, keys);
        this.map = map;
    }

    /** The document's keys: one per combination of array elements, each ending with its {@code _id}. */
    private List<KeyValue> keysOf(Document document) {
        Object id = document.get("_id");
        List<KeyValue> keys = new ArrayList<>();
        for (KeyValue values : getKeyValues(document)) {
            List<Object> key = new ArrayList<>(values.size() + 1);
            values.forEach(key::add);
            key.add(id);
            keys.add(new KeyValue(key).normalized());
        }
        return keys;
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (KeyValue key : keysOf(document)) {
            map.put(key, Missing.ofNullable(position));
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = null;
        for (KeyValue key : keysOf(document)) {
            Object removed = map.remove(key);
            position = removed == null ? position : removed;
        }
        return position;
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        List<KeyValue> before = keysOf(oldDocument);
        List<KeyValue> after = keysOf(newDocument);
        if (!before.equals(after)) {
            before.stream().filter(key -> !after.contains(key)).forEach(map::remove);
            after.stream().filter(key -> !before.contains(key)).forEach(key -> map.put(key, Missing.ofNullable(position)));
        }
    }

    /** The entries from {@code from} to {@code to} (both inclusive), backwards when {@code reverse}. */
    Cursor<KeyValue, Object> walk(KeyValue from, KeyValue to, boolean reverse) {
        return reverse ? map.cursor(to, from, true) : map.cursor(from, to, false);
    }

    /** How many entries lie from {@code from} to {@code to}, in two B-tree descents (H2 keeps page counts). */
    long count(KeyValue from, KeyValue to) {
        KeyValue first = map.ceilingKey(from);
        KeyValue last = map.floorKey(to);
        if (first == null || last == null || map.getKeyType().compare(first, last) > 0) {
            return 0;
        }
        return map.getKeyIndex(last) - map.getKeyIndex(first) + 1;
    }

    /**
     * How many entries under {@code prefix} each combination of the next {@code depth} values has,
     * in key order, without visiting the entries: per group, a descent to its last key and its
     * rank (H2 keeps counts in its pages) and one to the next group's first key.
     */
    @Override
    public Map<List<Object>, Long> countBy(List<Object> prefix, int depth) {
        Map<List<Object>, Long> counts = new LinkedHashMap<>();
        KeyValue end = bound(prefix);
        KeyValue first = map.ceilingKey(new KeyValue(prefix).normalized());
        long firstRank = first == null ? 0 : map.getKeyIndex(first);
        while (first != null && map.getKeyType().compare(first, end) < 0) {
            List<Object> group = first.stream().limit(prefix.size() + depth).toList();
            KeyValue last = map.floorKey(bound(group));
            long lastRank = map.getKeyIndex(last);
            counts.put(group.subList(prefix.size(), group.size()), lastRank - firstRank + 1);
            first = map.higherKey(last);
            firstRank = lastRank + 1;
        }
        return counts;
    }

    /** A key after every key that starts with {@code prefix}. */
    private static KeyValue bound(List<Object> prefix) {
        List<Object> key = new ArrayList<>(prefix);
        key.add(MaxKey.getInstance());
        return new KeyValue(key).normalized();
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public void drop() {
        map.clear();
    }
}
