package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.TenantScope;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** The search index. */
@Command(name = "search", description = "Search index tools.", subcommands = SearchCommand.Reindex.class)
class SearchCommand {

    @Command(name = "reindex", description = "Rebuild the search index of messages and of conversations' custom fields"
            + " from the stored documents (after an analyzer change or a restore). Searches meanwhile may miss"
            + " documents not reached yet.")
    static class Reindex implements Callable<Integer> {

        @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", description = "only this tenant (default: every tenant)")
        String tenant;

        @Override
        public Integer call() {
            try (Parley parley = StoreOptions.connect()) {
                for (String organization : StoreOptions.tenants(parley, tenant)) {
                    TenantScope scope = parley.tenant(organization);
                    long messages;
                    try (ProgressBar bar = ProgressBars.onStderr(organization + " messages", scope.messages().count(), " docs")) {
                        messages = scope.messages().rebuildSearch(bar::stepTo);
                    }
                    long conversations;
                    try (ProgressBar bar = ProgressBars.onStderr(organization + " conversations", scope.conversations().count(), " docs")) {
                        conversations = scope.conversations().rebuildSearch(bar::stepTo);
                    }
                    System.out.printf("%-24s %,d messages and %,d conversations indexed%n", organization, messages, conversations);
                }
                return 0;
            }
        }
    }
}
