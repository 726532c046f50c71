package dev.parley.server.users;

import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.Parley;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.platform.Platform;
import dev.parley.platform.RateDecision;
import dev.parley.server.auth.Caller;
import dev.parley.server.auth.UserSessions;
import dev.parley.users.TenantUsers;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Seed 003's user profiles as the server serves them: a tenant's users through
 * {@code TenantScope.users()}, its user list through the platform's query cache, and after every
 * change the user's cached session and the tenant's cached list are dropped, so the next request
 * sees the new role, quota or password at once, on every instance.
 */
@Component
class UserProfiles {

    private static final Duration LIST_TTL = Duration.ofMinutes(5);

    private final Parley parley;
    private final Platform platform;
    private final UserSessions sessions;

    UserProfiles(Parley parley, Platform platform, UserSessions sessions) {
        this.parley = parley;
        this.platform = platform;
        this.sessions = sessions;
    }

    /** The caller's own profile, in their home tenant; 400 for an API key, which has none. */
    Own own(Caller caller) {
        if (!caller.isUser()) {
            throw new InvalidInputException("Authorization", "an API key has no profile; log in as a user (POST /api/v1/auth/login)");
        }
        return new Own(caller);
    }

    /** Creates a user in the tenant; the caller grants no role above their own. */
    Document create(Caller caller, TenantScope tenant, Document input) {
        Document created = tenant.users().create(input, caller.role());
        platform.queryCache().invalidateTag(listTag(tenant.organizationId()));
        return created;
    }

    /** Seed 003's tenant user list as JSON, cached until a user of the tenant changes (or five minutes pass). */
    String listJson(TenantScope tenant, String role, int page, int pageSize) {
        String org = tenant.organizationId();
        String key = "users:" + org + ":" + role + ":" + page + ":" + pageSize;
        return platform.queryCache().getOrCompute(key, LIST_TTL, List.of(listTag(org)), () -> {
            TenantUsers users = tenant.users();
            List<Document> found = users.list(role, page, pageSize);
            return DocumentJson.write(new Document("users", found).append("page", page).append("count", found.size())
                    .append("total", users.count(role)).append("tenant_id", org));
        });
    }

    Document get(TenantScope tenant, String userId) {
        return tenant.users().get(userId);
    }

    /** An admin's change to a user, never one above the caller; a new password or role ends the user's sessions. */
    Document update(Caller caller, TenantScope tenant, String userId, Document patch) {
        Document updated = tenant.users().update(userId, patch, caller.role());
        changed(tenant.organizationId(), userId);
        return updated;
    }

    /** Deletes a user, never one above the caller; 404 when there is none. */
    void delete(Caller caller, TenantScope tenant, String userId) {
        if (!tenant.users().delete(userId, caller.role())) {
            throw new NotFoundException("no user " + userId + " in tenant " + tenant.organizationId());
        }
        changed(tenant.organizationId(), userId);
    }

    /** Seed 003's user indexes, for every tenant (they start with the tenant). */
    List<String> initializeIndexes() {
        return parley.users().initializeIndexes();
    }

    private void changed(String tenant, String userId) {
        sessions.forget(tenant, userId);
        platform.queryCache().invalidateTag(listTag(tenant));
    }

    private static String listTag(String tenant) {
        return "users:" + tenant;
    }

    /** The signed-in user's own account: what the profile routes act on. */
    final class Own {

        private final Caller caller;
        private final TenantUsers users;

        private Own(Caller caller) {
            this.caller = caller;
            this.users = parley.tenant(caller.homeTenant()).users();
        }

        Document profile() {
            return users.get(caller.userId());
        }

        /** Preferences only; see {@link TenantUsers#updateOwn}. */
        Document update(Document patch) {
            Document updated = users.updateOwn(caller.userId(), patch);
            changed(caller.homeTenant(), caller.userId());
            return updated;
        }

        /** The quota and what is left of it: calls this hour, logs today. */
        Document quota() {
            Document profile = profile();
            Document quota = profile.get("api_quota", Document.class);
            long calls = quota.get("api_calls_per_hour", Number.class).longValue();
            long logs = quota.get("logs_per_day", Number.class).longValue();
            RateDecision hour = platform.rateLimiter().peek(caller.budgetKey("user"), calls, Duration.ofHours(1));
            RateDecision day = platform.rateLimiter().peek(caller.budgetKey("logs"), logs, Duration.ofDays(1));
            Document usage = new Document("api_calls_this_hour", calls - hour.remaining()).append("api_calls_remaining", hour.remaining())
                    .append("api_calls_reset_seconds", hour.resetSeconds()).append("logs_today", logs - day.remaining())
                    .append("logs_remaining", day.remaining()).append("logs_reset_seconds", day.resetSeconds());
            return new Document("user_id", profile.get("user_id")).append("tenant_id", caller.homeTenant())
                    .append("api_quota", quota).append("usage", usage);
        }
    }
}
