package dev.parley.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** Long reads handled a batch at a time (deletes by key, index rebuilds), never held whole. */
public final class Batches {

    private Batches() {
    }

    /** Hands {@code source} to {@code handler} {@code size} items at a time (the last batch may be smaller); returns the sum of what it returned. */
    public static <T> long sum(Iterable<T> source, int size, ToLongFunction<List<T>> handler) {
        long total = 0;
        List<T> batch = new ArrayList<>(size);
        for (T item : source) {
            batch.add(item);
            if (batch.size() == size) {
                total += handler.applyAsLong(batch);
                batch = new ArrayList<>(size);
            }
        }
        return batch.isEmpty() ? total : total + handler.applyAsLong(batch);
    }
}
