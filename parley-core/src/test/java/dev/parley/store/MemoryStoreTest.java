package dev.parley.store;

import dev.parley.testing.TestStores;

/** The store contract on the embedded in-memory server ({@code PARLEY_EMBEDDED=memory}). */
class MemoryStoreTest extends StoreContract {

    @Override
    TestStores.Backend backend() {
        return TestStores.Backend.MEMORY;
    }

    @Override
    boolean keyRangesComeInKeyOrder() {
        return false; // the embedded server is left unsorted, and the memory store iterates in insertion order
    }
}
