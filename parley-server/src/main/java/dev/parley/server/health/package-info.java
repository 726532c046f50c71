/**
 * Health and monitoring: seed 001's {@code /health} and {@code /mongodb-test}
 * ({@link HealthController}), the actuator readiness group ({@link MongoHealthIndicator},
 * {@link StartupHealthIndicator}, not ready until the start-up tasks in {@link StartupState} are
 * done), and seed 000's monitoring for operators ({@link AdminStatsController}) and for the
 * calling tenant ({@link TenantStatsController}). The ping timeout is {@link HealthSettings}'s.
 * Owns no collection.
 * <p>Uses (core): the facade ({@code Parley}: the store's health, round trip and description, never
 * the store itself; {@code TenantScope}, including its document counts), store (those records),
 * platform, documents, users ({@code Role}). Uses (server): auth.
 */
package dev.parley.server.health;
