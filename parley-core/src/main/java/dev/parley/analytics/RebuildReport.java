package dev.parley.analytics;

/** What {@code analytics rebuild} did for one tenant: points read, rollup documents written and cleared. */
public record RebuildReport(String tenant, String since, long points, long documentsWritten, long documentsCleared) {
}
