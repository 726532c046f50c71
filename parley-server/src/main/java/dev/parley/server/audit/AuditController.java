package dev.parley.server.audit;

import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import dev.parley.InvalidInputException;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.fields.InputFields;
import dev.parley.server.web.JsonReplies;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Seed 000's audit log over REST, with the chain's verification; the tenant comes from the API key. */
@RestController
@RequiresRole(Role.VIEWER)
class AuditController {

    /**
     * {@code log_action}: 201 with the entry, its {@code seq} and {@code hash}; an array of up to
     * 1,000 entries is appended consecutively (201 with {@code {"audit_logs": [...], "count": n}}).
     */
    @RequiresRole(Role.ADMIN)
    @PostMapping(path = "/api/v1/audit-logs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> log(TenantScope tenant, @RequestBody String body) {
        if (body.strip().startsWith("[")) {
            return JsonReplies.list(HttpStatus.CREATED, "audit_logs", tenant.audit().logAll(DocumentJson.parseObjects("body", body)),
                    tenant, null);
        }
        return JsonReplies.one(HttpStatus.CREATED, tenant.audit().log(DocumentJson.requireObject(body)), tenant);
    }

    /** Entries newest first; {@code cursor} is the {@code next_cursor} of the previous page. */
    @GetMapping("/api/v1/audit-logs")
    ResponseEntity<String> find(TenantScope tenant,
                                @RequestParam(name = "user_id", required = false) String userId,
                                @RequestParam(required = false) String action,
                                @RequestParam(name = "resource_type", required = false) String resourceType,
                                @RequestParam(name = "resource_id", required = false) String resourceId,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @RequestParam(defaultValue = "100") int limit,
                                @RequestParam(required = false) String cursor) {
        Document fields = new Document("user_id", userId).append("action", action)
                .append("resource_type", resourceType).append("resource_id", resourceId);
        List<Document> page = tenant.audit().find(fields, time("from", from), time("to", to), seq(cursor), limit);
        Object next = page.size() == limit ? String.valueOf(page.get(page.size() - 1).get("seq")) : null;
        return JsonReplies.list("audit_logs", page, tenant, new Document("next_cursor", next));
    }

    /** {@code get_user_activity(user_id, days=7, limit=100)}. */
    @GetMapping("/api/v1/users/{userId}/activity")
    ResponseEntity<String> activity(TenantScope tenant, @PathVariable String userId,
                                    @RequestParam(defaultValue = "7") int days, @RequestParam(defaultValue = "100") int limit) {
        return JsonReplies.list("audit_logs", tenant.audit().userActivity(userId, days, limit), tenant, null);
    }

    /** {@code get_resource_history(resource_id, limit=50)}. */
    @GetMapping("/api/v1/resources/{resourceId}/history")
    ResponseEntity<String> history(TenantScope tenant, @PathVariable String resourceId,
                                   @RequestParam(defaultValue = "50") int limit) {
        return JsonReplies.list("audit_logs", tenant.audit().resourceHistory(resourceId, limit), tenant, null);
    }

    /** Walks the tenant's chain: {@code {valid, checked, entries, first_broken}}. */
    @GetMapping("/api/v1/audit-logs/verify")
    ResponseEntity<String> verify(TenantScope tenant) {
        return JsonReplies.one(HttpStatus.OK, tenant.audit().verify(), tenant);
    }

    private static Instant time(String field, String value) {
        return value == null || value.isBlank() ? null : InputFields.instant(field, value);
    }

    private static Long seq(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "is not a cursor of this list");
        }
    }
}
