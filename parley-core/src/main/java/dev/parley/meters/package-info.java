/**
 * Parley's own meters in Micrometer's global registry ({@link ParleyMeters}): webhooks, commits,
 * search, retention, status transitions. The server publishes them at {@code /actuator/prometheus}.
 * Owns no collection.
 * <p>Uses: no other Parley package.
 */
package dev.parley.meters;
