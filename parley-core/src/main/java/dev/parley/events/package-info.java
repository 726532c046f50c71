/**
 * Seed 000's event store ({@code store_event}, aggregate and type reads), without transactions.
 * Owns {@code events} ({@code _id <tenant>|<aggregate_type>|<aggregate_id>|<version>}, so the
 * unique key keeps versions gap-free and unforked; {@code event_id} unique per tenant, so a retried
 * append is idempotent) and {@code aggregates} (each aggregate's head, a hint where to append).
 * Entry types: {@link EventStore} and {@link EventEraser}.
 * <p>Uses: store, erasure, retention (to stamp {@code expire_at}), fields.
 */
package dev.parley.events;
