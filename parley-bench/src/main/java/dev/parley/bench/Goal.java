package dev.parley.bench;

import java.util.Locale;

/**
 * The bound a row's measured value must reach: a ratio parley/baseline ({@code unit} "x"), or an
 * absolute figure such as events/s or milliseconds.
 */
public record Goal(double bound, boolean upper, String unit) {

    private static final String RATIO = "x";

    /** A ratio of at least {@code minRatio}. */
    public static Goal atLeast(double minRatio) {
        return new Goal(minRatio, false, RATIO);
    }

    public static Goal atLeast(double min, String unit) {
        return new Goal(min, false, unit);
    }

    public static Goal atMost(double max, String unit) {
        return new Goal(max, true, unit);
    }

    public boolean metBy(double value) {
        return upper ? value <= bound : value >= bound;
    }

    @Override
    public String toString() {
        String number = unit.equals(RATIO) ? String.format(Locale.ROOT, "%.1fx", bound)
                : String.format(Locale.ROOT, "%,.0f %s", bound, unit);
        return (upper ? "<= " : ">= ") + number;
    }
}
