/**
 * The tenants and their API keys. Owns {@code tenants} and {@code api_keys}, both cross-tenant:
 * a key is stored only as its SHA-256 digest ({@link CredentialDigest}) and looked up by it as
 * {@code _id}, the one lookup that needs no tenant. Entry types: {@link TenantRegistry},
 * {@link Tenant}, {@link IssuedKey} (the only moment a plain key exists). Tenant ids are short
 * slugs ({@link TenantSlug}) so they can prefix keys. Changes are audited.
 * <p>Uses: store, audit ({@code SystemAudit}), fields.
 */
package dev.parley.tenancy;
