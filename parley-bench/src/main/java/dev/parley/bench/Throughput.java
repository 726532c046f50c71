package dev.parley.bench;

import java.util.Locale;

/** {@code docs} written in {@code nanos} of wall-clock time. */
public record Throughput(long docs, long nanos) {

    public static final Throughput NONE = new Throughput(0, 0);

    public static Throughput since(long startNanos, long docs) {
        return new Throughput(docs, System.nanoTime() - startNanos);
    }

    /** The work of both, as if done back to back. */
    public Throughput plus(Throughput other) {
        return new Throughput(docs + other.docs, nanos + other.nanos);
    }

    public double docsPerSecond() {
        return docs * 1e9 / nanos;
    }

    /** E.g. {@code 12,345 events/s} for {@code unit} "events". */
    public String format(String unit) {
        return String.format(Locale.ROOT, "%,.0f %s/s", docsPerSecond(), unit);
    }

    @Override
    public String toString() {
        return format("docs");
    }
}
