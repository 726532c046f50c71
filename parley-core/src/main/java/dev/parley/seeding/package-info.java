/**
 * Demo data (seed 004) for demos, the dashboard and benchmarks ({@link DemoData}): conversations
 * in English and Arabic, messages, statuses, audit entries, metrics, events and one imported chat
 * export, written through the public write paths; the same seed gives the same data and ids, so
 * a second run adds nothing. Owns no collection.
 * <p>Uses: tenancy ({@code TenantRegistry}, to make the demo tenant and its key), messages and
 * imports (their types). Demo data is a client of the library, like the CLI, but it lives here so
 * that core's tests and benchmarks can seed too; so it does not reach the facade: it writes through
 * {@link SeedWrites}, which the root implements over a tenant's features ({@code Parley.demoData()}).
 */
package dev.parley.seeding;
