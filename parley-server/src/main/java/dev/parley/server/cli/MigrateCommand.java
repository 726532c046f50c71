package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.migrations.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./parley migrate [--dry-run]}: seed 004's versioned migrations (the server also runs them at start). */
@Command(name = "migrate", description = "Apply the data migrations not applied yet, in order, once per database"
        + " (also done at server start unless PARLEY_MIGRATE=false).")
class MigrateCommand implements Callable<Integer> {

    @Option(names = "--dry-run", description = "only list what would be applied")
    boolean dryRun;

    @Override
    public Integer call() {
        try (Parley parley = StoreOptions.connect()) {
            List<Migrations.Outcome> outcomes = parley.migrate(dryRun);
            outcomes.forEach(outcome -> System.out.println(outcome.line()));
            if (outcomes.isEmpty()) {
                System.out.println("no migrations");
            }
            return outcomes.stream().anyMatch(o -> o.status().equals("running")) ? 3 : 0;
        }
    }
}
