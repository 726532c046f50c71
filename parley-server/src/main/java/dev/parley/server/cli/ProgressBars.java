package dev.parley.server.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The CLI's progress bars. */
final class ProgressBars {

    private ProgressBars() {
    }

    /** On stderr, so that stdout stays the command's report; redrawn in place on a terminal. */
    static ProgressBar onStderr(String task, long total, String unit) {
        return builder(task, unit).setInitialMax(Math.max(1, total)).build();
    }

    /** As {@link #onStderr}, for work whose size is known only at its end (pages of a source): counts, with no percentage. */
    static ProgressBar indefinite(String task, String unit) {
        return builder(task, unit).setInitialMax(-1).build();
    }

    private static ProgressBarBuilder builder(String task, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setUnit(unit, 1)
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err));
    }
}
