package dev.parley.store;

import java.util.Collection;
import java.util.Map;

/** A cheap estimate of the heap a decoded document takes, for caches bounded by memory rather than count. */
public final class HeapSize {

    private HeapSize() {
    }

    public static long of(Object value) {
        if (value instanceof Map<?, ?> map) {
            long size = 48;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 40 + of(entry.getKey()) + of(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> list) {
            long size = 40;
            for (Object item : list) {
                size += 8 + of(item);
            }
            return size;
        }
        if (value instanceof CharSequence text) {
            return 48 + text.length();
        }
        return 24;
    }
}
