package dev.parley.bench;

/** A row with no baseline: Parley's figure against a fixed goal (e.g. events/s, or ms). */
public record AbsoluteRow(String label, double value, String parleyCell, Goal goal) implements ResultRow {

    @Override
    public String baselineCell() {
        return "-";
    }

    @Override
    public String ratioCell() {
        return "-";
    }

    @Override
    public boolean goalMet() {
        return goal.metBy(value);
    }
}
