/**
 * Seed 003's users: profiles, roles and passwords. Owns {@code user_profiles}
 * ({@code <tenant>|<user_id>}, so a login is one lookup by key). Entry types:
 * {@link TenantUsers} (one tenant's users, what {@code TenantScope.users()} gives: the tenant is
 * fixed), {@link UserDirectory} (the same across tenants, for sign-in, which learns the tenant
 * from the login form or a token, and for operators), {@link Role} (viewer, admin, superadmin) and
 * {@link Account} (the session epoch, which changes on a password reset, a role change or
 * re-creation so older tokens stop working). Passwords are kept as bcrypt hashes only; every
 * change is audited.
 * <p>Uses: store, audit ({@code SystemAudit}).
 */
package dev.parley.users;
