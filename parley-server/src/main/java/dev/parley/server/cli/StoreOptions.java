package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.ParleyConfig;

/** CLI commands reach the same store as the server: same env, and the running server's port if it holds ./data. */
final class StoreOptions {

    private StoreOptions() {
    }

    static Parley connect() {
        return Parley.connect(ParleyConfig.fromEnvironment());
    }
}
