package dev.parley.bench.webhookreal;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one phase did: which of its pool's deliveries were acknowledged (200), the latencies, how
 * many were answered otherwise, and the wall time over which the counted ones were acknowledged.
 * Thread-safe while the phase runs.
 */
final class PhaseResult {

    static final int NOT_SENT = 0;
    static final int ACKNOWLEDGED = 1;
    static final int REFUSED = 2;

    final String label;
    final TrafficPool pool;
    private final AtomicIntegerArray outcomes;
    private final AtomicLong countedDeliveries = new AtomicLong();
    private final AtomicLong countedEvents = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<String> firstRefusal = new AtomicReference<>();
    private long[] latencies = new long[4_096];
    private int latencyCount;
    private volatile long nanos;
    private volatile double loadAverage;
    private volatile double serverCores = -1;
    private volatile double clientCores = -1;

    PhaseResult(String label, TrafficPool pool) {
        this.label = label;
        this.pool = pool;
        this.outcomes = new AtomicIntegerArray(pool == null ? 0 : pool.deliveries().size());
    }

    /** Records an answer; {@code counted} when it came within the phase's timed window. */
    void answered(int index, int status, int expected, String body, long latencyNanos, boolean counted, int events) {
        if (status == expected) {
            if (outcomes.length() > 0) {
                outcomes.set(index, ACKNOWLEDGED);
            }
            addLatency(latencyNanos);
            if (counted) {
                countedDeliveries.incrementAndGet();
                countedEvents.addAndGet(events);
            }
        } else {
            failed(index, status + " " + body);
        }
    }

    void failed(int index, String what) {
        if (index >= 0 && outcomes.length() > 0) {
            outcomes.set(index, REFUSED);
        }
        refused.incrementAndGet();
        firstRefusal.compareAndSet(null, what.length() > 300 ? what.substring(0, 300) + "..." : what);
    }

    private synchronized void addLatency(long value) {
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencyCount * 2);
        }
        latencies[latencyCount++] = value;
    }

    /** Nearest-rank percentile of the acknowledged requests, in milliseconds. */
    synchronized double percentileMillis(double percentile) {
        if (latencyCount == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * latencyCount);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    int outcome(int index) {
        return outcomes.get(index);
    }

    void finish(long wallNanos, double load, double serverCpuCores, double clientCpuCores) {
        this.nanos = wallNanos;
        this.loadAverage = load;
        this.serverCores = serverCpuCores;
        this.clientCores = clientCpuCores;
    }

    double deliveriesPerSecond() {
        return countedDeliveries.get() * 1e9 / nanos;
    }

    double eventsPerSecond() {
        return countedEvents.get() * 1e9 / nanos;
    }

    long refused() {
        return refused.get();
    }

    String firstRefusal() {
        return firstRefusal.get();
    }

    double loadAverage() {
        return loadAverage;
    }

    /** The CPU both processes used during the phase, and the machine's load. */
    String cpuNote() {
        return String.format(Locale.ROOT, "server %.2f cores, client %.2f cores, load average %.1f", serverCores, clientCores,
                loadAverage);
    }

    String summary() {
        return String.format(Locale.ROOT, "%s: %,d deliveries (%,d events) in %.1f s = %,.0f deliveries/s, %,.0f events/s;"
                        + " p50 %.1f ms, p99 %.1f ms; non-expected answers %d%s; %s", label, countedDeliveries.get(),
                countedEvents.get(), nanos / 1e9, deliveriesPerSecond(), eventsPerSecond(), percentileMillis(50),
                percentileMillis(99), refused.get(), firstRefusal.get() == null ? "" : " (first: " + firstRefusal.get() + ")",
                cpuNote());
    }
}
