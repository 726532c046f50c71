package dev.parley.bench;

import java.util.Locale;

/** One table row: Parley's throughput against a baseline's, measured in the same run. */
public record Comparison(String label, Throughput parley, Throughput baseline, Goal goal) {

    public double ratio() {
        return parley.docsPerSecond() / baseline.docsPerSecond();
    }

    public boolean goalMet() {
        return goal.metBy(ratio());
    }

    public String formattedRatio() {
        return String.format(Locale.ROOT, "%.2fx", ratio());
    }
}
