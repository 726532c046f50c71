package dev.parley.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.List;

/**
 * The key type of unique-index maps. H2's generic object type treats mongo-java-server's
 * {@link KeyValue} as an unknown type: it compares two keys by Java-serialising both, at every
 * step of every B-tree search, and stores them Java-serialised. Here keys are compared with
 * MongoDB's order of BSON values and stored as BSON; a key BSON cannot hold (a missing field's
 * marker) falls back to H2's generic encoding, flagged by the first byte.
 */
final class KeyValueOrder extends ObjectDataType {

    private static final byte GENERIC = 0;
    private static final byte BSON = 1;
    /** Texts, dates, numbers, booleans and nulls written directly: what index keys hold, without building a BSON document per key. */
    private static final byte COMPACT = 2;

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            int n = Math.min(x.size(), y.size());
            for (int i = 0; i < n; i++) {
                int c = compareValues(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        return super.compare(a, b);
    }

    /**
     * MongoDB's sort order, made strict: the sort order compares arrays by their smallest element,
     * so {@code {x: [1, 2]}} and {@code {x: [1, 3]}} tie although they are different keys. Such
     * ties are broken by the values' BSON bytes.
     */
    private static int compareValues(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y); // what ValueComparator does for two texts, without its type dispatch: most keys are texts
        }
        int c = ValueComparator.asc().compare(a, b);
        if (c != 0 || Objects.equals(a, b)) {
            return c;
        }
        return Arrays.compare(bson(a), bson(b));
    }

    private static byte[] bson(Object value) {
        try {
            return BsonDocumentType.encode(new Document("v", value));
        } catch (IllegalArgumentException notBson) {
            return ObjectDataType.serialize(value);
        }
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (key instanceof KeyValue keyValue && CompactKey.fits(keyValue)) {
            buffer.put(COMPACT);
            CompactKey.write(buffer, keyValue);
            return;
        }
        if (key instanceof KeyValue keyValue) {
            List<Object> values = new ArrayList<>(keyValue.size());
            keyValue.forEach(values::add);
            try {
                byte[] bson = BsonDocumentType.encode(new Document("k", values));
                buffer.put(BSON).put(bson);
                return;
            } catch (IllegalArgumentException notBson) {
                // e.g. the marker of a missing field: stored the generic way below
            }
        }
        buffer.put(GENERIC);
        super.write(buffer, key);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte format = buffer.get();
        if (format == GENERIC) {
            return super.read(buffer);
        }
        if (format == COMPACT) {
            return CompactKey.read(buffer);
        }
        Document document = BsonDocumentType.INSTANCE.read(buffer);
        return new KeyValue((List<?>) document.get("k"));
    }

    @Override
    public int getMemory(Object key) {
        return key instanceof KeyValue keyValue ? 32 + 48 * keyValue.size() : super.getMemory(key);
    }
}
