package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.store.IndexInitializer;
import dev.parley.store.StoreDescription;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** Seed 000's {@code init_mongodb}: every declared index, one line each; conflicts warn, never crash. */
@Command(name = "init-db", description = "Create every index Parley declares (idempotent).")
class InitDbCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        try (Parley parley = StoreOptions.connect()) {
            StoreDescription store = parley.describeStore();
            System.out.println("MongoDB: " + store.mode() + ", database " + store.database() + " (" + store.detail() + ")");
            List<IndexInitializer.Outcome> outcomes = parley.initDb();
            outcomes.forEach(outcome -> System.out.println(outcome.line()));
            long warnings = outcomes.stream().filter(o -> o.status() == IndexInitializer.Status.CONFLICT
                    || o.status() == IndexInitializer.Status.FAILED).count();
            System.out.println(outcomes.size() + " indexes checked, " + warnings + " warnings");
            return 0;
        }
    }
}
