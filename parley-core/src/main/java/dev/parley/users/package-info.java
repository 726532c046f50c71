/**
 * Seed 003's users: profiles, roles and passwords. Owns {@code user_profiles}
 * ({@code <tenant>|<user_id>}, so a login is one lookup by key). Entry types:
 * {@link UserDirectory}, {@link Role} (viewer, admin, superadmin) and {@link Account} (the session
 * epoch, which changes on a password reset, a role change or re-creation so older tokens stop
 * working). Passwords are kept as bcrypt hashes only; every change is audited.
 * <p>Uses: store, audit ({@code SystemAudit}). Its public methods still take a bare tenant id
 * instead of going through {@code TenantScope}; issue 20 changes this.
 */
package dev.parley.users;
