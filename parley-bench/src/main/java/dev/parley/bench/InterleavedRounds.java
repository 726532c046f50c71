package dev.parley.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures contenders in alternating rounds instead of one after the other, so that a burst of
 * background load (a shared 2-core machine) slows all of them a little rather than one a lot, and
 * the ratios stay meaningful.
 */
public final class InterleavedRounds {

    /** Longer than H2's 1 s auto-commit delay, so a store's deferred writes land before the next timing. */
    private static final long SETTLE_MILLIS = 1_500;

    private InterleavedRounds() {
    }

    /** Warms each contender up, then measures {@code ops} per contender over {@code rounds} rounds. */
    public static Map<Contender, Throughput> measure(List<? extends Contender> contenders, BenchParams params)
            throws Exception {
        for (Contender contender : contenders) {
            contender.run(params.warmupDocs());
        }
        Map<Contender, Throughput> totals = new LinkedHashMap<>();
        contenders.forEach(c -> totals.put(c, Throughput.NONE));
        int rounds = Math.min(params.rounds(), params.docs());
        for (int round = 0; round < rounds; round++) {
            int ops = share(params.docs(), rounds, round);
            // rotate who goes first so no contender always runs right after the same neighbour
            List<Contender> order = new ArrayList<>(contenders);
            Collections.rotate(order, -round);
            for (Contender contender : order) {
                settle();
                totals.merge(contender, contender.run(ops), Throughput::plus);
            }
        }
        totals.forEach((contender, total) -> System.err.printf(Locale.ROOT, "  %-32s %s (%.1f s)%n",
                contender.label(), total, total.nanos() / 1e9));
        return totals;
    }

    /** Keeps the previous contender's garbage and background disk writes out of the next one's time. */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(SETTLE_MILLIS);
    }

    /** Splits {@code total} into {@code rounds} parts that add up exactly. */
    private static int share(int total, int rounds, int round) {
        return total / rounds + (round < total % rounds ? 1 : 0);
    }
}
