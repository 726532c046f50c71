package dev.parley.bench;

/** One line of the result table, already formatted, and whether it met its goal. */
public interface ResultRow {

    String label();

    String parleyCell();

    /** What Parley was compared with, or "-" for an absolute goal. */
    String baselineCell();

    String ratioCell();

    Goal goal();

    boolean goalMet();
}
