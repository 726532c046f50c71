package dev.parley.retention;

import java.time.Instant;

/**
 * What the sweeper did (or, dry run, would do) to one tenant's collection: documents dated before
 * {@code cutoff} that {@code deleted} (or would delete), and why it kept some ({@code kept}, or null).
 */
public record SweepRow(String tenant, String collection, int days, Instant cutoff, long deleted, String kept) {
}
