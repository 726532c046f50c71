/**
 * The operator CLI, picocli commands under {@link ParleyCommand} ({@code ./parley <command>}):
 * serve, init-db, migrate, tenants, users, import, statuses (seed 002's scans), seed, stats,
 * search, analytics, audit, retention, contacts, webhooks, backup, restore and embedded-mongo.
 * Commands reach the same store as the server ({@link StoreOptions}: same environment, or the
 * running server's port when it holds the data directory) and the same write paths. Owns no
 * collection.
 * <p>Uses (core): the facade ({@code Parley}, {@code TenantScope}, {@code ParleyConfig}), backup
 * ({@code Restored}), scans, tenancy, imports, store, documents, fields, contacts, audit, messages,
 * migrations, retention, seeding, users, webhooks. Uses (server): {@code ParleyApplication} (to
 * serve).
 */
package dev.parley.server.cli;
