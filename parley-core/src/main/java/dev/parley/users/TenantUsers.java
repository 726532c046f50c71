package dev.parley.users;

import org.bson.Document;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One tenant's users ({@code parley.tenant("acme").users()}): the tenant is fixed when this is
 * made, never an argument, so nothing here can reach another tenant's profiles. Writes are the
 * directory's, checked and audited there.
 */
public final class TenantUsers {

    private final String tenant;
    private final UserDirectory directory;
    private final Supplier<ZoneId> timeZone;

    /** {@code timeZone}: the tenant's, asked only when a user is created (their default preference). */
    public TenantUsers(String tenant, UserDirectory directory, Supplier<ZoneId> timeZone) {
        this.tenant = tenant;
        this.directory = directory;
        this.timeZone = timeZone;
    }

    /** Creates a user on behalf of a caller of {@code actorRole}, who grants no role above their own. */
    public Document create(Document input, Role actorRole) {
        return directory.create(tenant, input, timeZone.get().getId(), actorRole);
    }

    /** Creates a user of any role: the operator's way (CLI, library). */
    public Document create(Document input) {
        return create(input, Role.SUPERADMIN);
    }

    public Optional<Document> find(String userId) {
        return directory.find(tenant, userId);
    }

    /** The profile; 404 when the tenant has no such user. */
    public Document get(String userId) {
        return directory.get(tenant, userId);
    }

    /** The profile and session epoch, for checking a token; empty when the user does not exist. */
    public Optional<Account> account(String userId) {
        return directory.account(tenant, userId);
    }

    /** A user's change to their own preferences; see {@link UserDirectory#updateOwn}. */
    public Document updateOwn(String userId, Document patch) {
        return directory.updateOwn(tenant, userId, patch);
    }

    /** An admin's change to a user, never one above {@code actorRole}; see {@link UserDirectory#update}. */
    public Document update(String userId, Document patch, Role actorRole) {
        return directory.update(tenant, userId, patch, actorRole);
    }

    /** Deletes a user, never one above {@code actorRole}; false when there was none. */
    public boolean delete(String userId, Role actorRole) {
        return directory.delete(tenant, userId, actorRole);
    }

    /** The operator's password reset: every session the user had ends. */
    public void setPassword(String userId, String password) {
        directory.setPassword(tenant, userId, password);
    }

    /** Seed 003's user list, by {@code created_at}, optionally one role. */
    public List<Document> list(String role, int page, int pageSize) {
        return directory.list(tenant, role, page, pageSize);
    }

    public long count(String role) {
        return directory.count(tenant, role);
    }
}
