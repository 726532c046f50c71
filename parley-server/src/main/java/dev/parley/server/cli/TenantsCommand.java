package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.tenancy.IssuedKey;
import dev.parley.tenancy.Tenant;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./parley tenants create|list|update|rotate-key}. */
@Command(name = "tenants", description = "Manage tenants and their API keys.",
        subcommands = {TenantsCommand.Create.class, TenantsCommand.ListTenants.class, TenantsCommand.Update.class,
                TenantsCommand.RotateKey.class})
class TenantsCommand {

    @Command(name = "create", description = "Create a tenant and print its first API key (shown once).")
    static class Create implements Callable<Integer> {

        @Parameters(index = "0", description = "the tenant's organization_id, a slug such as acme")
        String slug;

        @Option(names = "--name", description = "display name")
        String name;

        @Option(names = "--timezone", description = "IANA time zone, e.g. Asia/Riyadh (default PARLEY_TIMEZONE or UTC)")
        String timezone;

        @Option(names = "--json", description = "print {\"organization_id\":..,\"api_key\":..}")
        boolean json;

        @Override
        public Integer call() {
            try (Parley parley = StoreOptions.connect()) {
                print(parley.tenants().create(slug, name, timezone), json);
                return 0;
            }
        }
    }

    @Command(name = "list", description = "List tenants.")
    static class ListTenants implements Callable<Integer> {

        @Option(names = "--json", description = "one JSON array")
        boolean json;

        @Override
        public Integer call() {
            try (Parley parley = StoreOptions.connect()) {
                List<Tenant> tenants = parley.tenants().list();
                if (json) {
                    System.out.println(tenants.stream().map(t -> view(t).toJson()).toList().toString());
                } else {
                    System.out.printf("%-24s %-28s %-20s %s%n", "ORGANIZATION_ID", "NAME", "TIMEZONE", "CREATED_AT");
                    tenants.forEach(t -> System.out.printf("%-24s %-28s %-20s %s%n", t.organizationId(), t.name(),
                            t.timeZone().getId(), t.createdAt()));
                }
                return 0;
            }
        }
    }

    @Command(name = "update", description = {"Change a tenant's display name or time zone (audited).",
            "Times are stored in UTC and rollups are UTC quarter-hours: reports are read in the new zone, nothing is rewritten."})
    static class Update implements Callable<Integer> {

        @Parameters(index = "0", description = "organization_id")
        String slug;

        @Option(names = "--name", description = "new display name")
        String name;

        @Option(names = "--timezone", description = "new IANA time zone, e.g. Asia/Riyadh")
        String timezone;

        @Option(names = "--json", description = "print the tenant as JSON")
        boolean json;

        @Override
        public Integer call() {
            try (Parley parley = StoreOptions.connect()) {
                Tenant tenant = parley.tenants().update(StoreOptions.requireTenant(parley, slug), name, timezone);
                System.out.println(json ? view(tenant).toJson() : "updated " + tenant.organizationId() + ": name " + tenant.name()
                        + ", timezone " + tenant.timeZone().getId());
                return 0;
            }
        }
    }

    @Command(name = "rotate-key", description = "Issue a new API key; earlier keys stop working unless --keep-old.")
    static class RotateKey implements Callable<Integer> {

        @Parameters(index = "0", description = "organization_id")
        String slug;

        @Option(names = "--keep-old", description = "leave the earlier keys valid")
        boolean keepOld;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        public Integer call() {
            try (Parley parley = StoreOptions.connect()) {
                print(parley.tenants().rotateKey(slug, !keepOld), json);
                return 0;
            }
        }
    }

    private static Document view(Tenant tenant) {
        return new Document("organization_id", tenant.organizationId()).append("name", tenant.name())
                .append("timezone", tenant.timeZone().getId()).append("created_at", tenant.createdAt().toString());
    }

    private static void print(IssuedKey key, boolean json) {
        if (json) {
            System.out.println(new Document("organization_id", key.organizationId()).append("api_key", key.apiKey()).toJson());
        } else {
            System.out.println("organization_id: " + key.organizationId());
            System.out.println("api_key:         " + key.apiKey() + "   (shown once; store it now)");
        }
    }
}
