package dev.parley.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Orders unique-index keys field by field with MongoDB's comparison of BSON values, instead of
 * H2's fallback for unknown types (comparing both keys Java-serialised). Keys are still stored
 * the way {@link ObjectDataType} stores them.
 */
final class KeyValueOrder extends ObjectDataType {

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            int n = Math.min(x.size(), y.size());
            for (int i = 0; i < n; i++) {
                int c = ValueComparator.asc().compare(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        return super.compare(a, b);
    }
}
