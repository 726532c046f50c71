package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;

/** Renders result rows as an aligned, markdown-pipe table. */
final class ResultTable {

    private static final String[] HEADER = {"scenario", "parley", "baseline", "ratio", "goal"};

    private ResultTable() {
    }

    static String render(List<ResultRow> results) {
        List<String[]> rows = new ArrayList<>();
        for (ResultRow r : results) {
            rows.add(new String[] {r.label(), r.parleyCell(), r.baselineCell(), r.ratioCell(), r.goal().toString()});
        }
        int[] widths = new int[HEADER.length];
        for (int col = 0; col < HEADER.length; col++) {
            widths[col] = HEADER[col].length();
            for (String[] row : rows) {
                widths[col] = Math.max(widths[col], row[col].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADER, widths);
        separator(out, widths);
        for (String[] row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    /** The first column is text and left-aligned; the others are numbers and right-aligned. */
    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int col = 0; col < cells.length; col++) {
            String format = col == 0 ? " %-" + widths[col] + "s |" : " %" + widths[col] + "s |";
            out.append(String.format(format, cells[col]));
        }
        out.append('\n');
    }

    private static void separator(StringBuilder out, int[] widths) {
        out.append('|');
        for (int col = 0; col < widths.length; col++) {
            out.append(col == 0 ? ":" : "-").append("-".repeat(widths[col])).append(col == 0 ? "-|" : ":|");
        }
        out.append('\n');
    }
}
