package dev.parley.bench.analytics;

import dev.parley.bench.Goal;
import dev.parley.bench.ResultRow;

import java.util.Locale;

/** A latency against a baseline's in the same run; the ratio is how many times faster Parley is. */
record SpeedupRow(String label, double parleyMillis, double baselineMillis, Goal goal) implements ResultRow {

    double ratio() {
        return baselineMillis / parleyMillis;
    }

    @Override
    public String parleyCell() {
        return String.format(Locale.ROOT, "%.2f ms", parleyMillis);
    }

    @Override
    public String baselineCell() {
        return String.format(Locale.ROOT, "%,.0f ms", baselineMillis);
    }

    @Override
    public String ratioCell() {
        return String.format(Locale.ROOT, "%,.0fx", ratio());
    }

    @Override
    public boolean goalMet() {
        return goal.metBy(ratio());
    }
}
