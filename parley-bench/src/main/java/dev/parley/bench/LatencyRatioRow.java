package dev.parley.bench;

import java.util.Locale;

/**
 * Two latencies measured in the same run and their ratio against a goal: how many times faster
 * Parley is than a baseline ({@link #speedup}), or how much a latency grew from a small data set
 * to a large one ({@link #growth}).
 */
public record LatencyRatioRow(String label, double parleyMillis, double baselineMillis, boolean speedup, Goal goal)
        implements ResultRow {

    /** Parley's latency against a baseline's; the ratio is baseline / Parley. */
    public static LatencyRatioRow speedup(String label, double parleyMillis, double baselineMillis, Goal goal) {
        return new LatencyRatioRow(label, parleyMillis, baselineMillis, true, goal);
    }

    /** The large data set's latency (Parley column) against the small one's; the ratio is large / small. */
    public static LatencyRatioRow growth(String label, double largeMillis, double smallMillis, Goal goal) {
        return new LatencyRatioRow(label, largeMillis, smallMillis, false, goal);
    }

    public double ratio() {
        return speedup ? baselineMillis / parleyMillis : parleyMillis / baselineMillis;
    }

    @Override
    public String parleyCell() {
        return String.format(Locale.ROOT, "%.2f ms", parleyMillis);
    }

    @Override
    public String baselineCell() {
        return String.format(Locale.ROOT, speedup ? "%,.0f ms" : "%.2f ms", baselineMillis);
    }

    @Override
    public String ratioCell() {
        return String.format(Locale.ROOT, speedup ? "%,.0fx" : "%.2fx", ratio());
    }

    @Override
    public boolean goalMet() {
        return goal.metBy(ratio());
    }
}
