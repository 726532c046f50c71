package dev.parley.bench.webhookingest;

import dev.parley.bench.Goal;
import dev.parley.bench.ResultRow;

import java.util.Locale;

/**
 * Parley against a baseline, with the ratio shown for context, but the goal on Parley's own figure
 * (e.g. events/s or ms): a fast baseline must not make Parley pass, nor a slow one make it fail.
 *
 * @param format renders one figure, e.g. {@code "%,.0f events/s"}
 */
record GoalOnParleyRow(String label, double parley, double baseline, String format, Goal goal) implements ResultRow {

    @Override
    public String parleyCell() {
        return String.format(Locale.ROOT, format, parley);
    }

    @Override
    public String baselineCell() {
        return String.format(Locale.ROOT, format, baseline);
    }

    /** parley / baseline, as in the other rows. */
    @Override
    public String ratioCell() {
        return String.format(Locale.ROOT, "%.2fx", parley / baseline);
    }

    @Override
    public boolean goalMet() {
        return goal.metBy(parley);
    }
}
