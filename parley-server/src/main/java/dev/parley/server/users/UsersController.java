package dev.parley.server.users;

import dev.parley.NotFoundException;
import dev.parley.Parley;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.platform.Platform;
import dev.parley.platform.RateDecision;
import dev.parley.server.auth.Caller;
import dev.parley.server.auth.RequiresRole;
import dev.parley.server.auth.UserSessions;
import dev.parley.server.web.JsonReplies;
import dev.parley.users.Role;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/**
 * Seed 003's user routes, trailing slash optional, in its JSON shapes. "The profile" is the
 * signed-in user's own; admin routes act on any user of the caller's tenant (a superadmin's
 * {@code X-Tenant-Id} names another). The tenant's user list is cached and dropped on every change.
 */
@RestController
@RequiresRole(Role.VIEWER)
class UsersController {

    private static final Duration LIST_TTL = Duration.ofMinutes(5);

    private final Parley parley;
    private final Platform platform;
    private final UserSessions sessions;

    UsersController(Parley parley, Platform platform, UserSessions sessions) {
        this.parley = parley;
        this.platform = platform;
        this.sessions = sessions;
    }

    @GetMapping({"/api/v1/users/profile", "/api/v1/users/profile/"})
    ResponseEntity<String> profile(Caller caller, TenantScope tenant) {
        return JsonReplies.one(HttpStatus.OK, parley.users().get(caller.homeTenant(), self(caller)), tenant);
    }

    /** {@code {"preferences": {"theme": "light"}}} merges; the rest of the profile stays. */
    @RequiresRole(value = Role.VIEWER, ownAccountOnly = true)
    @PatchMapping(path = {"/api/v1/users/profile", "/api/v1/users/profile/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> updateProfile(Caller caller, TenantScope tenant, @RequestBody String body) {
        Document updated = parley.users().updateOwn(caller.homeTenant(), self(caller), DocumentJson.requireObject(body));
        changed(caller.homeTenant(), self(caller));
        return JsonReplies.one(HttpStatus.OK, updated, tenant);
    }

    /** Creates a user in the caller's tenant: {@code user_id}, {@code role}, {@code password}, preferences, quota. */
    @RequiresRole(Role.ADMIN)
    @PostMapping(path = {"/api/v1/users/profile/create", "/api/v1/users/profile/create/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> create(Caller caller, TenantScope tenant, @RequestBody String body) {
        Document input = DocumentJson.requireObject(body);
        Document created = parley.users().create(tenant.organizationId(), input, tenant.timeZone().getId(), caller.role());
        platform.queryCache().invalidateTag(listTag(tenant.organizationId()));
        return JsonReplies.one(HttpStatus.CREATED, created, tenant);
    }

    /** The quota and what is left of it: calls this hour, logs today. */
    @GetMapping({"/api/v1/users/profile/quota", "/api/v1/users/profile/quota/"})
    ResponseEntity<String> quota(Caller caller, TenantScope tenant) {
        Document profile = parley.users().get(caller.homeTenant(), self(caller));
        Document quota = profile.get("api_quota", Document.class);
        long calls = quota.get("api_calls_per_hour", Number.class).longValue();
        long logs = quota.get("logs_per_day", Number.class).longValue();
        RateDecision hour = platform.rateLimiter().peek(caller.budgetKey("user"), calls, Duration.ofHours(1));
        RateDecision day = platform.rateLimiter().peek(caller.budgetKey("logs"), logs, Duration.ofDays(1));
        Document usage = new Document("api_calls_this_hour", calls - hour.remaining()).append("api_calls_remaining", hour.remaining())
                .append("api_calls_reset_seconds", hour.resetSeconds()).append("logs_today", logs - day.remaining())
                .append("logs_remaining", day.remaining()).append("logs_reset_seconds", day.resetSeconds());
        return JsonReplies.one(HttpStatus.OK, new Document("user_id", profile.get("user_id")).append("tenant_id", caller.homeTenant())
                .append("api_quota", quota).append("usage", usage), tenant);
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping({"/api/v1/users/tenant/users", "/api/v1/users/tenant/users/"})
    ResponseEntity<String> tenantUsers(TenantScope tenant, @RequestParam(required = false) String role,
                                       @RequestParam(defaultValue = "1") int page, @RequestParam(name = "page_size", defaultValue = "50") int pageSize) {
        String org = tenant.organizationId();
        String key = "users:" + org + ":" + role + ":" + page + ":" + pageSize;
        List<String> tags = List.of(listTag(org));
        String body = platform.queryCache().getOrCompute(key, LIST_TTL, tags, () -> {
            List<Document> users = parley.users().list(org, role, page, pageSize);
            return DocumentJson.write(new Document("users", users).append("page", page).append("count", users.size())
                    .append("total", parley.users().count(org, role)).append("tenant_id", org));
        });
        return JsonReplies.json(HttpStatus.OK, body);
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping({"/api/v1/users/admin/profile/{userId}", "/api/v1/users/admin/profile/{userId}/"})
    ResponseEntity<String> adminGet(TenantScope tenant, @PathVariable String userId) {
        return JsonReplies.one(HttpStatus.OK, parley.users().get(tenant.organizationId(), userId), tenant);
    }

    /**
     * Role, quota, organization, preferences; {@code password} sets a new one. Never on a user
     * above the caller's role (403); a new password or role ends the user's sessions.
     */
    @RequiresRole(Role.ADMIN)
    @PatchMapping(path = {"/api/v1/users/admin/profile/{userId}", "/api/v1/users/admin/profile/{userId}/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> adminUpdate(Caller caller, TenantScope tenant, @PathVariable String userId, @RequestBody String body) {
        String org = tenant.organizationId();
        Document updated = parley.users().update(org, userId, DocumentJson.requireObject(body), caller.role());
        changed(org, userId);
        return JsonReplies.one(HttpStatus.OK, updated, tenant);
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping({"/api/v1/users/admin/profile/{userId}", "/api/v1/users/admin/profile/{userId}/"})
    ResponseEntity<Void> adminDelete(Caller caller, TenantScope tenant, @PathVariable String userId) {
        if (!parley.users().delete(tenant.organizationId(), userId, caller.role())) {
            throw new NotFoundException("no user " + userId + " in tenant " + tenant.organizationId());
        }
        changed(tenant.organizationId(), userId);
        return ResponseEntity.noContent().build();
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping({"/api/v1/users/admin/initialize-indexes", "/api/v1/users/admin/initialize-indexes/"})
    ResponseEntity<String> initializeIndexes() {
        return JsonReplies.json(HttpStatus.OK, DocumentJson.write(new Document("status", "success")
                .append("indexes", parley.users().initializeIndexes())));
    }

    private void changed(String tenant, String userId) {
        sessions.forget(tenant, userId);
        platform.queryCache().invalidateTag(listTag(tenant));
    }

    private static String listTag(String tenant) {
        return "users:" + tenant;
    }

    /** The caller's own user id: a profile belongs to a user, not to an API key. */
    private static String self(Caller caller) {
        if (!caller.isUser()) {
            throw new dev.parley.InvalidInputException("Authorization", "an API key has no profile; log in as a user (POST /api/v1/auth/login)");
        }
        return caller.userId();
    }
}
