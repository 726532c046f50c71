/**
 * The platform services as Spring beans ({@link PlatformConfiguration}: on Redis with
 * {@code REDIS_URL}, in this process without) and Redis's part of readiness
 * ({@link RedisHealthIndicator}: down while a configured Redis does not answer).
 * <p>Uses (core): platform.
 */
package dev.parley.server.platform;
