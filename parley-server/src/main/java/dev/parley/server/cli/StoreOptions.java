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

    /** The tenant named, or every tenant: what {@code --tenant} means for the tools that walk tenants. */
    static java.util.List<String> tenants(Parley parley, String only) {
        return only != null ? java.util.List.of(only)
                : parley.tenants().list().stream().map(dev.parley.tenancy.Tenant::organizationId).toList();
    }
}
