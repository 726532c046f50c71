package dev.parley.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./parley bench <scenario|all|list> [--quick] [--docs N] [--clients N] [--rounds N]}: runs Parley's
 * paths and their baselines in one JVM and prints one comparison table.
 */
@Command(name = "parley bench",
        description = "Benchmarks Parley against naive baselines in one run. Scenarios: see 'list'.")
public final class BenchMain implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Parameters(index = "0", paramLabel = "SCENARIO", defaultValue = "list",
            description = "a scenario name, 'all', or 'list' (default)")
    private String scenario;

    @Option(names = "--quick", description = "smaller runs: " + BenchParams.QUICK_DOCS + " docs per path instead of "
            + BenchParams.DEFAULT_DOCS + "; scenarios with their own data sets shrink those")
    private boolean quick;

    @Option(names = "--docs", paramLabel = "N", description = "docs measured per path (overrides --quick; store-write only)")
    private Integer docs;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "" + BenchParams.DEFAULT_ROUNDS,
            description = "alternating rounds the measured docs are split into (default: ${DEFAULT-VALUE})")
    private int rounds;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "" + BenchParams.DEFAULT_CLIENTS,
            description = "concurrent client threads (default: ${DEFAULT-VALUE})")
    private int clients;

    public static void main(String[] args) {
        // Before any logger exists: keep driver and embedded-server chatter out of the report.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // "Closing N clients" is the baselines' servers shutting down on purpose
        System.setProperty("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.MongoServer", "error");
        // "adding secondary index ... not yet implemented": initDb's non-unique indexes, which the
        // embedded server skips on purpose (IndexInitializer reports it)
        System.setProperty("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.backend.AbstractMongoDatabase", "error");
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (scenario.equals("list")) {
            Scenarios.all().forEach(s -> System.out.printf("%-16s %s%n", s.name(), s.description()));
            System.out.printf("%-16s %s%n", "all", "every scenario above, in one run");
            return 0;
        }
        List<Scenario> selected = select();
        if (selected.isEmpty()) {
            System.err.println("unknown scenario '" + scenario + "'; './parley bench list' shows them");
            return 2;
        }
        BenchParams params = params();

        System.out.println("machine: " + MachineFacts.describe());
        System.out.printf(Locale.ROOT, "params:  %,d docs per path after %,d warm-up docs (store-write), %d clients,"
                        + " %d interleaved rounds%s%n%n", params.docs(), params.warmupDocs(), params.clients(), params.rounds(),
                params.quick() ? ", quick data sets" : "");

        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Scenario s : selected) {
            ScenarioReport report = s.run(params);
            rows.addAll(report.rows());
            notes.addAll(report.notes());
        }
        System.out.println();
        System.out.print(ResultTable.render(rows));
        System.out.println();
        notes.forEach(System.out::println);
        long missed = rows.stream().filter(c -> !c.goalMet()).count();
        System.out.printf("goals met: %d of %d%n", rows.size() - missed, rows.size());
        return 0;
    }

    private BenchParams params() {
        try {
            return new BenchParams(docs != null ? docs : quick ? BenchParams.QUICK_DOCS : BenchParams.DEFAULT_DOCS,
                    clients, BenchParams.WARMUP_DOCS, rounds, quick);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<Scenario> select() {
        if (scenario.equals("all")) {
            return List.copyOf(Scenarios.all());
        }
        return Scenarios.named(scenario).map(List::of).orElse(List.of());
    }
}
