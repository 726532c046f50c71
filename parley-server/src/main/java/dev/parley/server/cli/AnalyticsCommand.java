package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.fields.InputFields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** Metric rollups. */
@Command(name = "analytics", description = "Analytics tools.", subcommands = AnalyticsCommand.Rebuild.class)
class AnalyticsCommand {

    @Command(name = "rebuild", description = "Recompute the rollups of logged metrics from their raw points"
            + " (idempotent; what message writes counted is left alone).")
    static class Rebuild implements Callable<Integer> {

        @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", description = "only this tenant (default: every tenant)")
        String tenant;

        @Option(names = "--since", paramLabel = "TIME", description = "from the start of this time's UTC day"
                + " (ISO-8601, e.g. 2026-01-01T00:00:00Z; default: 180 days ago, the raw points' retention)")
        String since;

        @Override
        public Integer call() {
            Instant from = since == null ? Instant.now().minus(Duration.ofDays(180)) : InputFields.instant("--since", since);
            try (Parley parley = StoreOptions.connect()) {
                List<String> tenants = StoreOptions.tenants(parley, tenant);
                for (String organization : tenants) {
                    var report = parley.tenant(organization).analytics().rebuild(from);
                    System.out.printf("%-24s since %s: %,d points -> %,d rollup documents written, %,d cleared%n",
                            organization, report.since(), report.points(), report.documentsWritten(), report.documentsCleared());
                }
                return 0;
            }
        }
    }
}
