package dev.parley.server.tenancy;

import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import com.fasterxml.jackson.annotation.JsonAlias;
import dev.parley.server.auth.ApiKeyAuthenticator;
import dev.parley.tenancy.IssuedKey;
import dev.parley.tenancy.Tenant;
import dev.parley.tenancy.TenantRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Operators manage tenants over REST with PARLEY_ADMIN_KEY; the same JSON as the CLI. */
@RestController
@RequestMapping("/api/v1/admin/tenants")
@RequiresRole(Role.SUPERADMIN)
class AdminTenantsController {

    record CreateTenant(@JsonAlias({"slug", "tenant"}) String organizationId, String name,
                        @JsonAlias("time_zone") String timezone) {
    }

    /** What PATCH may change; a field left out stays as it is. */
    record UpdateTenant(String name, @JsonAlias("time_zone") String timezone) {
    }

    record TenantView(String organizationId, String name, String timezone, String createdAt) {
        static TenantView of(Tenant tenant) {
            return new TenantView(tenant.organizationId(), tenant.name(), tenant.timeZone().getId(),
                    tenant.createdAt().toString());
        }
    }

    private final TenantRegistry registry;
    private final ApiKeyAuthenticator authenticator;

    AdminTenantsController(TenantRegistry registry, ApiKeyAuthenticator authenticator) {
        this.registry = registry;
        this.authenticator = authenticator;
    }

    @RequiresRole(Role.SUPERADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedKey create(@RequestBody CreateTenant request) {
        return registry.create(request.organizationId(), request.name(), request.timezone());
    }

    @GetMapping
    List<TenantView> list() {
        return registry.list().stream().map(TenantView::of).toList();
    }

    @GetMapping("/{slug}")
    TenantView get(@PathVariable String slug) {
        return TenantView.of(registry.get(slug));
    }

    /**
     * Changes the display name and/or time zone (audited). Times are stored in UTC and rollups are
     * UTC quarter-hours, so reports are read in the new zone from then on; nothing is rewritten.
     */
    @RequiresRole(Role.SUPERADMIN)
    @PatchMapping("/{slug}")
    TenantView update(@PathVariable String slug, @RequestBody UpdateTenant request) {
        return TenantView.of(registry.update(slug, request.name(), request.timezone()));
    }

    /** Issues a new key; unless {@code keep_old=true}, earlier keys stop working. */
    @RequiresRole(Role.SUPERADMIN)
    @PostMapping("/{slug}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedKey rotate(@PathVariable String slug, @RequestParam(name = "keep_old", defaultValue = "false") boolean keepOld) {
        IssuedKey key = registry.rotateKey(slug, !keepOld);
        authenticator.forgetAll();
        return key;
    }
}
