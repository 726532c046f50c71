package dev.parley.bench;

import dev.parley.store.MongoStore;

import java.lang.reflect.Method;
import java.util.OptionalLong;

/**
 * Reads how many durable flushes (H2 commit + fsync) a store has made. The counter is
 * package-private in parley-core, so it is read reflectively; when that stops working the report
 * just leaves the number out.
 */
final class DurableFlushCounter {

    private final Method durableFlushes;

    private DurableFlushCounter(Method durableFlushes) {
        this.durableFlushes = durableFlushes;
    }

    static DurableFlushCounter find() {
        try {
            Method method = MongoStore.class.getDeclaredMethod("durableFlushes");
            method.setAccessible(true);
            return new DurableFlushCounter(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new DurableFlushCounter(null);
        }
    }

    OptionalLong read(MongoStore store) {
        if (durableFlushes == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of((long) durableFlushes.invoke(store));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
