package dev.parley.server.webhooks;

import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import dev.parley.Parley;
import dev.parley.documents.DocumentJson;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Operators see payloads for numbers no tenant registered (admin key). */
@RestController
@RequiresRole(Role.SUPERADMIN)
class AdminWebhooksController {

    private final Parley parley;

    AdminWebhooksController(Parley parley) {
        this.parley = parley;
    }

    @GetMapping("/api/v1/admin/webhooks/unrouted")
    ResponseEntity<String> unrouted(@RequestParam(defaultValue = "50") int limit) {
        List<Document> payloads = parley.rawWebhooks().unrouted(Math.max(1, Math.min(limit, 500)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(DocumentJson.write(new Document("payloads", payloads).append("count", payloads.size())));
    }
}
