package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.TenantScope;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code ./parley statuses rebuild-index}: the status lists and counts, made again from the messages. */
@Command(name = "rebuild-index", mixinStandardHelpOptions = true,
        description = {"Rebuild the status index (seed 002's status lists and counts) from the stored messages:",
                "after a restore or an import that bypassed Parley's writer. Status writes that land while it runs",
                "may be counted twice or missed: run it when status traffic is quiet (or again after)."})
class StatusesRebuildIndex implements Callable<Integer> {

    @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", description = "only this tenant (default: every tenant)")
    String tenant;

    @Override
    public Integer call() {
        try (Parley parley = StoreOptions.connect()) {
            for (String organization : StoreOptions.tenants(parley, tenant)) {
                TenantScope scope = parley.tenant(organization);
                long listed;
                try (ProgressBar bar = ProgressBars.onStderr(organization + " messages", scope.messages().count(), " docs")) {
                    listed = scope.messages().rebuildStatusIndex(bar::stepTo);
                }
                System.out.printf("%-24s %,d messages with a status listed%n", organization, listed);
            }
            return 0;
        }
    }
}
