package dev.parley;

import dev.parley.store.MongoStore;

/**
 * The store behind a {@link Parley}, for tests and benchmarks that set up, inspect or tamper with
 * stored documents directly. It lives in parley-core's test jar, so the library itself offers
 * features and applications no door to every tenant's collections.
 */
public final class StoreAccess {

    private StoreAccess() {
    }

    public static MongoStore of(Parley parley) {
        return parley.store();
    }
}
