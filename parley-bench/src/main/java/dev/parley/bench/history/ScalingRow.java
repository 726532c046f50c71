package dev.parley.bench.history;

import dev.parley.bench.Goal;
import dev.parley.bench.ResultRow;

import java.util.Locale;

/**
 * How much a latency grew from the small data set to the large one: the large figure goes in the
 * parley column, the small one in the baseline column, and their ratio must stay under the goal.
 */
record ScalingRow(String label, double largeMillis, double smallMillis, Goal goal) implements ResultRow {

    double ratio() {
        return largeMillis / smallMillis;
    }

    @Override
    public String parleyCell() {
        return String.format(Locale.ROOT, "%.2f ms", largeMillis);
    }

    @Override
    public String baselineCell() {
        return String.format(Locale.ROOT, "%.2f ms", smallMillis);
    }

    @Override
    public String ratioCell() {
        return String.format(Locale.ROOT, "%.2fx", ratio());
    }

    @Override
    public boolean goalMet() {
        return goal.metBy(ratio());
    }
}
