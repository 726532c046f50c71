/**
 * Demo data (seed 004) for demos, the dashboard and benchmarks ({@link DemoData}): conversations
 * in English and Arabic, messages, statuses, audit entries, metrics, events and one imported chat
 * export, written through the public write paths; the same seed gives the same data and ids, so
 * a second run adds nothing. Owns no collection.
 * <p>Uses: messages, imports, tenancy. Still reaches the facade ({@code Parley},
 * {@code TenantScope}) to create the tenant and write through every feature; issue 20 removes
 * this.
 */
package dev.parley.seeding;
