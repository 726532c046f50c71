/**
 * Parley's one connection to MongoDB, real or embedded, and the only package that touches the
 * driver. Features reach collections through {@link ScopedCollection} (one tenant's view: keys
 * {@code <tenant>|<id>} via {@link Keys}, {@code organization_id} prepended to every other query) or
 * {@link PlatformCollection} (cross-tenant, for tenancy, channels, raw webhooks and migrations),
 * handed out by {@link MongoStore}; {@link TenantCollections} opens one tenant's collections only
 * (what a tenant-bound feature is handed). Queries answer with Parley's own {@link Find} and {@link Found}
 * (project, sort, page, map, iterate), never the driver's builders, whose {@code filter(..)} would
 * replace the tenant filter. Writes are made durable by group commit ({@code GroupCommit});
 * {@code EmbeddedMongo} runs mongo-java-server on H2 or in memory; on H2 it also builds the
 * secondary indexes seed 002's status queries need ({@code OrderedIndex}, {@code CountingIndex},
 * committed with the documents) and answers those queries from them ({@code OrderedIndexQuery},
 * {@code GroupCountQuery}). Owns no feature's collection
 * ({@code parley_probes} holds the health probe's document only); features declare their indexes
 * as {@link IndexSpec}s.
 * <p>Uses: {@code ParleyConfig} and the shared exceptions in {@code dev.parley}, meters.
 */
package dev.parley.store;
