package dev.parley.bench;

import java.util.Locale;

/** {@code docs} written in {@code nanos} of wall-clock time. */
public record Throughput(long docs, long nanos) {

    public static Throughput since(long startNanos, long docs) {
        return new Throughput(docs, System.nanoTime() - startNanos);
    }

    public double docsPerSecond() {
        return docs * 1e9 / nanos;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,.0f docs/s", docsPerSecond());
    }
}
