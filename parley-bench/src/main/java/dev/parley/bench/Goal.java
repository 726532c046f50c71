package dev.parley.bench;

import java.util.Locale;

/** The ratio parley/baseline a comparison must reach. */
public record Goal(double minRatio) {

    public static Goal atLeast(double minRatio) {
        return new Goal(minRatio);
    }

    public boolean metBy(double ratio) {
        return ratio >= minRatio;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, ">= %.1fx", minRatio);
    }
}
