package dev.parley.bench;

import java.util.Locale;

/** The facts needed to compare runs across machines. */
final class MachineFacts {

    private MachineFacts() {
    }

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d cores, %s %s (%s), max heap %,d MB, %s %s",
                runtime.availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"),
                runtime.maxMemory() / (1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
