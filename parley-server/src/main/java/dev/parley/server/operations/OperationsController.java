package dev.parley.server.operations;

import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.operations.CompositeOperations;
import dev.parley.server.web.JsonReplies;
import jakarta.servlet.http.HttpServletRequest;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 000's batch operations over REST. Send an {@code Idempotency-Key} header (or an
 * {@code idempotency_key} field) and retry freely: the first call answers 201, a repeat 200 with
 * the same ids and {@code Idempotent-Replayed: true}, and a retry after a failure completes what
 * is missing. Without a key every call is a new operation.
 */
@RestController
@RequiresRole(Role.ADMIN)
class OperationsController {

    /** {@code log_campaign_execution}: {@code {user_id, contacts_count, ip_address?}} → {@code {audit_id, metric_id, event_id}}. */
    @RequiresRole(Role.ADMIN)
    @PostMapping(path = "/api/v1/campaigns/{campaignId}/executions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> campaignExecuted(TenantScope tenant, @PathVariable String campaignId, @RequestBody String body,
                                            @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                            HttpServletRequest request) {
        Document input = withCaller(DocumentJson.requireObject(body), request);
        return reply(tenant.operations().logCampaignExecution(campaignId, input, key), tenant);
    }

    /** {@code log_conversation_closed}: {@code {user_id, resolution_time_seconds, ip_address?}}; ends the conversation. */
    @RequiresRole(Role.ADMIN)
    @PostMapping(path = "/api/v1/conversations/{conversationId}/close", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> conversationClosed(TenantScope tenant, @PathVariable String conversationId, @RequestBody String body,
                                              @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                              HttpServletRequest request) {
        Document input = withCaller(DocumentJson.requireObject(body), request);
        return reply(tenant.operations().logConversationClosed(conversationId, input, key), tenant);
    }

    /** The audit entry records the caller's address when the body names none. */
    private static Document withCaller(Document input, HttpServletRequest request) {
        if (input.get("ip_address") == null) {
            input.put("ip_address", request.getRemoteAddr());
        }
        return input;
    }

    private static ResponseEntity<String> reply(CompositeOperations.Outcome outcome, TenantScope tenant) {
        ResponseEntity<String> json = JsonReplies.one(outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED, outcome.result(), tenant);
        return ResponseEntity.status(json.getStatusCode()).headers(json.getHeaders())
                .header("Idempotent-Replayed", Boolean.toString(outcome.replayed())).body(json.getBody());
    }
}
