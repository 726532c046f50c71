package dev.parley.store;

import dev.parley.testing.TestStores;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The store contract on the MongoDB named by {@code PARLEY_TEST_MONGODB_URI} (in a database of its
 * own, dropped after). The condition selects a backend, as the other subclasses do: without a server
 * to run on there is nothing to run, and the default run covers H2 and memory; it hides no failing test.
 */
@EnabledIfEnvironmentVariable(named = TestStores.EXTERNAL_URI_VARIABLE, matches = ".*\\S.*")
class ExternalMongoStoreTest extends StoreContract {

    @Override
    TestStores.Backend backend() {
        return TestStores.Backend.EXTERNAL;
    }
}
