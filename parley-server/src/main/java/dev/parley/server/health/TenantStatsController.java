package dev.parley.server.health;

import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calling tenant's documents per collection (the dashboard's Health page); operators see every
 * tenant at {@code /api/v1/admin/stats}.
 */
@RestController
@RequiresRole(Role.VIEWER)
class TenantStatsController {


    @GetMapping("/api/v1/stats")
    ResponseEntity<String> stats(TenantScope tenant) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(DocumentJson.write(tenant.documentCounts()));
    }
}
