/**
 * Seed 001's generic documents and Parley's JSON handling. Owns the tenants' user collections, all
 * named under the {@code u_} prefix ({@link CollectionName}) so no name a user picks reaches one of
 * Parley's own; ids are local to the tenant ({@code n1} stored as {@code acme|n1}). Entry types:
 * {@link DocumentCollection}, {@link DocumentJson} (Extended JSON in, plain JSON out) and
 * {@link JsonLimits}: every parse is bounded and yields only what BSON can store, so bad input is a
 * field-level refusal, never a half-written document; server-side code operators are refused.
 * <p>Uses: store, audit ({@code SystemAudit}, to record deletes).
 */
package dev.parley.documents;
