package dev.parley.bench;

/** One benchmark: runs Parley's path and its baselines in the same JVM and reports the comparison. */
public interface Scenario {

    /** The name used on the command line, e.g. {@code store-write}. */
    String name();

    /** One line for {@code ./parley bench list}. */
    String description();

    ScenarioReport run(BenchParams params) throws Exception;
}
