package dev.parley.bench.history;

import java.util.Arrays;

/** Latencies of one kind of operation, for percentiles. */
final class LatencySamples {

    private long[] nanos = new long[1_024];
    private int count;

    void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    void addAll(LatencySamples other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /** Nearest-rank percentile in milliseconds, e.g. {@code percentileMillis(99)}. */
    double percentileMillis(double percentile) {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
