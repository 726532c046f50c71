package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.retention.SweepRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.time.temporal.ChronoUnit;

/** Retention policies at work. */
@Command(name = "retention", description = "Retention tools.", subcommands = RetentionCommand.Run.class)
class RetentionCommand {

    @Command(name = "run", description = "Delete what each tenant's retention policy expired (legal holds respected),"
            + " and print what went per tenant and collection.")
    static class Run implements Callable<Integer> {

        @Option(names = "--dry-run", description = "print what would go, delete nothing")
        boolean dryRun;

        @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", description = "only this tenant (default: every tenant)")
        String tenant;

        @Override
        public Integer call() {
            try (Parley parley = StoreOptions.connect()) {
                List<SweepRow> rows = parley.retentionSweeper().run(tenant, dryRun);
                System.out.printf("%-24s %-18s %6s  %-20s %12s  %s%n", "TENANT", "COLLECTION", "DAYS", "OLDER THAN",
                        dryRun ? "WOULD DELETE" : "DELETED", "KEPT");
                long total = 0;
                for (SweepRow row : rows) {
                    total += row.deleted();
                    System.out.printf("%-24s %-18s %6d  %-20s %,12d  %s%n", row.tenant(), row.collection(), row.days(),
                            row.cutoff().truncatedTo(ChronoUnit.SECONDS), row.deleted(),
                            row.kept() == null ? "" : row.kept());
                }
                System.out.printf("%,d documents %s%n", total, dryRun ? "would be deleted (dry run)" : "deleted");
                return 0;
            }
        }
    }
}
