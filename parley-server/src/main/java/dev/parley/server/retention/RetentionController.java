package dev.parley.server.retention;

import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.server.web.JsonReplies;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's retention policy: days kept per collection and legal holds. Changes are audited. */
@RestController
@RequiresRole(Role.VIEWER)
class RetentionController {

    @GetMapping("/api/v1/retention")
    ResponseEntity<String> policy(TenantScope tenant) {
        return JsonReplies.one(HttpStatus.OK, tenant.retention().toDocument(), tenant);
    }

    /**
     * {@code {"days": {"messages": 30}, "legal_hold": {"tenant": false, "conversations": ["conv-1"],
     * "reason": "case 42"}}}: what is given replaces what was stored; the rest stays.
     */
    @RequiresRole(Role.ADMIN)
    @PutMapping(path = "/api/v1/retention", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> update(TenantScope tenant, @RequestBody String body) {
        return JsonReplies.one(HttpStatus.OK, tenant.updateRetention(DocumentJson.requireObject(body)).toDocument(), tenant);
    }
}
