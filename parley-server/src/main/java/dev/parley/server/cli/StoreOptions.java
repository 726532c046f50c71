package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.NotFoundException;
import dev.parley.ParleyConfig;
import dev.parley.tenancy.Tenant;

import java.util.List;

/** CLI commands reach the same store as the server: same env, and the running server's port if it holds ./data. */
final class StoreOptions {

    private StoreOptions() {
    }

    static Parley connect() {
        return Parley.connect(ParleyConfig.fromEnvironment());
    }

    /** The tenant named, or every tenant: what {@code --tenant} means for the tools that walk tenants. */
    static List<String> tenants(Parley parley, String only) {
        return only != null ? List.of(requireTenant(parley, only)) : parley.tenants().list().stream().map(Tenant::organizationId).toList();
    }

    /**
     * {@code tenant}, when it exists: a typo must not import into (or verify, or export) a tenant
     * nobody can see, which retention would never sweep.
     */
    static String requireTenant(Parley parley, String tenant) {
        if (tenant != null && parley.tenants().find(tenant).isEmpty()) {
            throw new NotFoundException("no tenant " + tenant + " (./parley tenants list shows them; ./parley tenants create "
                    + tenant + " makes it)");
        }
        return tenant;
    }
}
