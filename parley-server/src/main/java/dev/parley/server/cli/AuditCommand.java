package dev.parley.server.cli;

import dev.parley.Parley;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** The audit log's hash chains. */
@Command(name = "audit", description = "Audit log tools.", subcommands = AuditCommand.Verify.class)
class AuditCommand {

    @Command(name = "verify", description = "Walk each tenant's audit chain and report the first broken entry."
            + " Exit code 1 when a chain is broken.")
    static class Verify implements Callable<Integer> {

        @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", description = "only this tenant (default: every tenant)")
        String tenant;

        @Override
        public Integer call() {
            try (Parley parley = StoreOptions.connect()) {
                List<String> tenants = StoreOptions.tenants(parley, tenant);
                boolean allValid = true;
                for (String organization : tenants) {
                    Document report = parley.tenant(organization).audit().verify();
                    boolean valid = report.getBoolean("valid");
                    allValid &= valid;
                    Document broken = report.get("first_broken", Document.class);
                    System.out.printf("%-24s %s  %,d of %,d entries checked%s%n", organization, valid ? "OK    " : "BROKEN",
                            report.getLong("checked"), report.getLong("entries"),
                            broken == null ? "" : "; entry " + broken.get("seq") + " is " + broken.getString("problem"));
                }
                return allValid ? 0 : 1;
            }
        }
    }
}
