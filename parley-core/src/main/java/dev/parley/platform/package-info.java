/**
 * The shared services of seed 003's {@code redis_cache.py}: sessions, revoked tokens, query cache,
 * rate limits and locks ({@link Platform}). On Redis when {@code REDIS_URL} is set
 * ({@link PlatformConfig}), shared by every instance; otherwise in this process, right for one
 * instance only. Owns no MongoDB collection.
 * <p>Uses: no other Parley package.
 */
package dev.parley.platform;
