package dev.parley.bench;

import java.util.Locale;

/**
 * One table row: Parley's throughput against a baseline's, measured in the same run.
 *
 * @param unit what one counted operation is, e.g. "docs" or "events"
 */
public record Comparison(String label, Throughput parley, Throughput baseline, Goal goal, String unit)
        implements ResultRow {

    public Comparison(String label, Throughput parley, Throughput baseline, Goal goal) {
        this(label, parley, baseline, goal, "docs");
    }

    public double ratio() {
        return parley.docsPerSecond() / baseline.docsPerSecond();
    }

    @Override
    public boolean goalMet() {
        return goal.metBy(ratio());
    }

    @Override
    public String parleyCell() {
        return parley.format(unit);
    }

    @Override
    public String baselineCell() {
        return baseline.format(unit);
    }

    @Override
    public String ratioCell() {
        return String.format(Locale.ROOT, "%.2fx", ratio());
    }
}
