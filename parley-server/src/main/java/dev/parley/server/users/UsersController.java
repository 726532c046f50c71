package dev.parley.server.users;

import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.server.auth.Caller;
import dev.parley.server.auth.RequiresRole;
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

/**
 * Seed 003's user routes, trailing slash optional, in its JSON shapes. "The profile" is the
 * signed-in user's own; admin routes act on any user of the caller's tenant (a superadmin's
 * {@code X-Tenant-Id} names another). What a route does is {@link UserProfiles}'s; this class
 * maps it to HTTP.
 */
@RestController
@RequiresRole(Role.VIEWER)
class UsersController {

    private final UserProfiles profiles;

    UsersController(UserProfiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping({"/api/v1/users/profile", "/api/v1/users/profile/"})
    ResponseEntity<String> profile(Caller caller, TenantScope tenant) {
        return JsonReplies.one(HttpStatus.OK, profiles.own(caller).profile(), tenant);
    }

    /** {@code {"preferences": {"theme": "light"}}} merges; the rest of the profile stays. */
    @RequiresRole(value = Role.VIEWER, ownAccountOnly = true)
    @PatchMapping(path = {"/api/v1/users/profile", "/api/v1/users/profile/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> updateProfile(Caller caller, TenantScope tenant, @RequestBody String body) {
        return JsonReplies.one(HttpStatus.OK, profiles.own(caller).update(DocumentJson.requireObject(body)), tenant);
    }

    /** Creates a user in the caller's tenant: {@code user_id}, {@code role}, {@code password}, preferences, quota. */
    @RequiresRole(Role.ADMIN)
    @PostMapping(path = {"/api/v1/users/profile/create", "/api/v1/users/profile/create/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> create(Caller caller, TenantScope tenant, @RequestBody String body) {
        Document input = DocumentJson.requireObject(body);
        return JsonReplies.one(HttpStatus.CREATED, profiles.create(caller, tenant, input), tenant);
    }

    /** The quota and what is left of it: calls this hour, logs today. */
    @GetMapping({"/api/v1/users/profile/quota", "/api/v1/users/profile/quota/"})
    ResponseEntity<String> quota(Caller caller, TenantScope tenant) {
        return JsonReplies.one(HttpStatus.OK, profiles.own(caller).quota(), tenant);
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping({"/api/v1/users/tenant/users", "/api/v1/users/tenant/users/"})
    ResponseEntity<String> tenantUsers(TenantScope tenant, @RequestParam(required = false) String role,
                                       @RequestParam(defaultValue = "1") int page, @RequestParam(name = "page_size", defaultValue = "50") int pageSize) {
        return JsonReplies.json(HttpStatus.OK, profiles.listJson(tenant, role, page, pageSize));
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping({"/api/v1/users/admin/profile/{userId}", "/api/v1/users/admin/profile/{userId}/"})
    ResponseEntity<String> adminGet(TenantScope tenant, @PathVariable String userId) {
        return JsonReplies.one(HttpStatus.OK, profiles.get(tenant, userId), tenant);
    }

    /**
     * Role, quota, organization, preferences; {@code password} sets a new one. Never on a user
     * above the caller's role (403); a new password or role ends the user's sessions.
     */
    @RequiresRole(Role.ADMIN)
    @PatchMapping(path = {"/api/v1/users/admin/profile/{userId}", "/api/v1/users/admin/profile/{userId}/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> adminUpdate(Caller caller, TenantScope tenant, @PathVariable String userId, @RequestBody String body) {
        return JsonReplies.one(HttpStatus.OK, profiles.update(caller, tenant, userId, DocumentJson.requireObject(body)), tenant);
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping({"/api/v1/users/admin/profile/{userId}", "/api/v1/users/admin/profile/{userId}/"})
    ResponseEntity<Void> adminDelete(Caller caller, TenantScope tenant, @PathVariable String userId) {
        profiles.delete(caller, tenant, userId);
        return ResponseEntity.noContent().build();
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping({"/api/v1/users/admin/initialize-indexes", "/api/v1/users/admin/initialize-indexes/"})
    ResponseEntity<String> initializeIndexes() {
        return JsonReplies.json(HttpStatus.OK, DocumentJson.write(new Document("status", "success")
                .append("indexes", profiles.initializeIndexes())));
    }
}
