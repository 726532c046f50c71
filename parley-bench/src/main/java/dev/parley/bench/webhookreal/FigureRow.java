package dev.parley.bench.webhookreal;

import dev.parley.bench.Goal;
import dev.parley.bench.ResultRow;

import java.util.Locale;

/**
 * Parley's figure beside a same-run reference (a ceiling), with their ratio; the goal is on the
 * ratio ({@code goalOnRatio}) or on Parley's own figure.
 */
record FigureRow(String label, double parley, String parleyFormat, double baseline, String baselineFormat, Goal goal,
                 boolean goalOnRatio) implements ResultRow {

    @Override
    public String parleyCell() {
        return String.format(Locale.ROOT, parleyFormat, parley);
    }

    @Override
    public String baselineCell() {
        return Double.isNaN(baseline) ? "-" : String.format(Locale.ROOT, baselineFormat, baseline);
    }

    @Override
    public String ratioCell() {
        return Double.isNaN(baseline) ? "-" : String.format(Locale.ROOT, "%.2fx", parley / baseline);
    }

    @Override
    public boolean goalMet() {
        return goal.metBy(goalOnRatio ? parley / baseline : parley);
    }
}
