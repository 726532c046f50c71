/**
 * Seed 000's event store ({@code store_event}, aggregate and type reads), without transactions.
 * Owns {@code events} ({@code _id <tenant>|<aggregate_type>|<aggregate_id>|<version>}, so the
 * unique key keeps versions gap-free and unforked; {@code event_id} unique per tenant, so a retried
 * append is idempotent) and {@code aggregates} (each aggregate's head, a hint where to append).
 * Entry types: {@link EventStore}, {@link EventEraser} and {@link EventRetention} (its retention:
 * by {@code created_at}, a conversation's events kept under its legal hold).
 * <p>Uses: store, erasure, retention (to stamp {@code expire_at}, and implements {@code RetainedData}), fields.
 */
package dev.parley.events;
