package dev.parley.server.health;

import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import dev.parley.Parley;
import dev.parley.documents.DocumentJson;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Seed 000's monitoring for operators (PARLEY_ADMIN_KEY): what {@code ./parley stats --json} prints. */
@RestController
@RequiresRole(Role.SUPERADMIN)
class AdminStatsController {

    private final Parley parley;

    AdminStatsController(Parley parley) {
        this.parley = parley;
    }

    @GetMapping("/api/v1/admin/stats")
    ResponseEntity<String> stats() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(DocumentJson.write(parley.stats()));
    }
}
