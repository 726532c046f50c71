package dev.parley.store;

/** What {@code /health} reports about MongoDB. */
public record StoreHealth(boolean healthy, String mode, String database, Long latencyMs, String detail) {
}
