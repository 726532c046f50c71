package dev.parley.store;

/** Milliseconds of each step of a probe write/read/delete (seed 001's {@code /mongodb-test}). */
public record RoundTrip(String probeId, double insertMs, double readMs, double deleteMs, double totalMs) {
}
