package dev.parley.server.events;

import dev.parley.server.auth.RequiresRole;
import dev.parley.users.Role;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.events.EventStore;
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

/** Seed 000's event store over REST; the tenant comes from the API key. */
@RestController
@RequiresRole(Role.VIEWER)
class EventsController {

    /** {@code store_event}: 201 with the stored event (200 with the earlier one for a repeated {@code event_id}). */
    @RequiresRole(Role.ADMIN)
    @PostMapping(path = "/api/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> append(TenantScope tenant, @RequestBody String body) {
        EventStore.Appended appended = tenant.events().store(DocumentJson.requireObject(body));
        return JsonReplies.one(appended.created() ? HttpStatus.CREATED : HttpStatus.OK, appended.event(), tenant);
    }

    /** {@code get_aggregate_events}, in version order. */
    @GetMapping("/api/v1/aggregates/{aggregateType}/{aggregateId}/events")
    ResponseEntity<String> aggregate(TenantScope tenant, @PathVariable String aggregateType, @PathVariable String aggregateId,
                                     @RequestParam(name = "from_version", defaultValue = "1") long fromVersion,
                                     @RequestParam(defaultValue = "100") int limit) {
        return JsonReplies.list("events", tenant.events().aggregateEvents(aggregateType, aggregateId, fromVersion, limit),
                tenant, new Document("aggregate_type", aggregateType).append("aggregate_id", aggregateId));
    }

    /** {@code get_events_by_type}, newest first. */
    @GetMapping("/api/v1/events")
    ResponseEntity<String> byType(TenantScope tenant, @RequestParam(name = "event_type", required = false) String eventType,
                                  @RequestParam(required = false) String since,
                                  @RequestParam(defaultValue = "100") int limit) {
        Instant from = since == null || since.isBlank() ? null : InputFields.instant("since", since);
        return JsonReplies.list("events", tenant.events().byType(eventType, from, limit), tenant, null);
    }
}
