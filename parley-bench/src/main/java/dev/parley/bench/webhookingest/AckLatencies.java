package dev.parley.bench.webhookingest;

import java.util.Arrays;

/** Acknowledgement latencies of one run, for percentiles. Thread-safe. */
final class AckLatencies {

    private long[] nanos = new long[1_024];
    private int count;

    synchronized void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    synchronized int count() {
        return count;
    }

    /** Nearest-rank percentile in milliseconds, e.g. {@code percentileMillis(99)}. */
    synchronized double percentileMillis(double percentile) {
        if (count == 0) {
            throw new IllegalStateException("no acknowledged requests to take a percentile of");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
