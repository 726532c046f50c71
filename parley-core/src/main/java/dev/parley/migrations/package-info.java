/**
 * Versioned changes to stored data (seed 004), run once per database in {@code id} order by
 * {@link Migrations}. Owns {@code migrations} (one record per migration: checksum of its class,
 * times, documents changed); a migration is claimed by inserting its record with a lease, so two
 * processes never run it at once, and each {@link Migration} is idempotent. The migrations
 * themselves change {@code conversations} in every tenant and drop an index of {@code messages}.
 * <p>Uses: store, conversations.
 */
package dev.parley.migrations;
