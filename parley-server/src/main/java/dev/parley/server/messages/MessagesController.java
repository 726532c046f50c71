package dev.parley.server.messages;

import dev.parley.server.auth.RequiresRole;
import dev.parley.server.auth.Caller;
import dev.parley.server.auth.LogQuota;
import dev.parley.server.web.JsonReplies;
import dev.parley.users.Role;
import dev.parley.InvalidInputException;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.messages.MessageSearchFilters;
import dev.parley.messages.Messages;
import dev.parley.messages.SearchPage;
import dev.parley.messages.StatusEvent;
import dev.parley.messages.StatusListPage;
import dev.parley.messages.StatusQuery;
import dev.parley.scans.Seed002Documents;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Messages, their delivery statuses, and seed 002's status queries over REST. */
@RestController
@RequiresRole(Role.VIEWER)
class MessagesController {

    private final LogQuota logQuota;

    MessagesController(LogQuota logQuota) {
        this.logQuota = logQuota;
    }

    /** One message or an array of up to 1000; idempotent on {@code message_id}. */
    @RequiresRole(Role.ADMIN)
    @PostMapping(path = "/api/v1/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> log(TenantScope tenant, Caller caller, @RequestBody String body) {
        List<Document> messages = DocumentJson.parseObjects("body", body);
        logQuota.charge(caller, messages.size());
        List<String> ids = tenant.messages().logAll(messages);
        Document reply = new Document("logged_count", ids.size()).append("message_ids", ids);
        if (ids.size() == 1) {
            reply.append("message_id", ids.get(0));
        }
        return JsonReplies.json(HttpStatus.CREATED, DocumentJson.write(reply));
    }

    /**
     * Seed 000's {@code search_messages}: {@code q} with AND, OR, "phrases", -exclusions and
     * prefix*, in Arabic and English; filters; newest first with snippets and a cursor.
     */
    @GetMapping("/api/v1/messages/search")
    ResponseEntity<String> search(TenantScope tenant, @RequestParam(required = false) String q,
                                  @RequestParam(defaultValue = "20") int limit,
                                  @RequestParam(required = false) String cursor,
                                  @RequestParam(name = "conversation_id", required = false) String conversationId,
                                  @RequestParam(name = "sender_type", required = false) String senderType,
                                  @RequestParam(name = "message_type", required = false) String messageType,
                                  @RequestParam(required = false) String direction,
                                  @RequestParam(required = false) String status,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to) {
        SearchPage page = tenant.messages().search(q, new MessageSearchFilters(conversationId, senderType, messageType,
                direction, status, ConversationsController.time("from", from), ConversationsController.time("to", to)), limit, cursor);
        return JsonReplies.list("messages", page.messages(), tenant,
                new Document("query", q).append("next_cursor", page.nextCursor()).append("has_more", page.hasMore()));
    }

    @GetMapping("/api/v1/messages/{messageId}")
    ResponseEntity<String> get(TenantScope tenant, @PathVariable String messageId) {
        return JsonReplies.one(HttpStatus.OK, tenant.messages().get(messageId), tenant);
    }

    /** Deletes a message for good (erasure): out of search and history, audited; 404 when absent. */
    @RequiresRole(Role.ADMIN)
    @org.springframework.web.bind.annotation.DeleteMapping("/api/v1/messages/{messageId}")
    ResponseEntity<Void> delete(TenantScope tenant, @PathVariable String messageId) {
        tenant.messages().delete(messageId);
        return ResponseEntity.noContent().build();
    }

    /**
     * Status events of one message: an object or an array. Recorded even when no message with the
     * id was logged (a status can come first); {@code message_known} says which it was.
     */
    @RequiresRole(Role.ADMIN)
    @PostMapping(path = "/api/v1/messages/{messageId}/statuses", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> recordOne(TenantScope tenant, @PathVariable String messageId, @RequestBody String body) {
        List<StatusEvent> events = events(body, messageId);
        tenant.messages().recordStatuses(events);
        Set<String> unknown = tenant.messages().unlogged(List.of(messageId));
        return JsonReplies.json(HttpStatus.OK, DocumentJson.write(new Document("recorded_count", events.size())
                .append("message_known", unknown.isEmpty())));
    }

    /**
     * A batch of status events, as an array or {@code {"statuses": [...]}}; {@code unknown_message_ids}
     * as above. An element may also be a seed 002 document ({@code messageId}, {@code statusHistory},
     * …): its history is recorded with its own times ({@code recorded_count} counts the entries).
     */
    @RequiresRole(Role.ADMIN)
    @PostMapping(path = "/api/v1/statuses", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> recordMany(TenantScope tenant, @RequestBody String body) {
        List<StatusEvent> events = events(body, null);
        tenant.messages().recordStatuses(events);
        Set<String> unknown = tenant.messages().unlogged(events.stream().map(StatusEvent::messageId).distinct().toList());
        return JsonReplies.json(HttpStatus.OK, DocumentJson.write(new Document("recorded_count", events.size())
                .append("unknown_message_ids", List.copyOf(unknown))));
    }

    /**
     * Seed 002's queries: by conversation, unread (status=sent,delivered), by status, updated
     * since; newest latest_timestamp first, a page at a time ({@code next_cursor} as {@code cursor}).
     */
    @GetMapping("/api/v1/message-statuses")
    ResponseEntity<String> statuses(TenantScope tenant,
                                    @RequestParam(name = "conversation_id", required = false) String conversationId,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(name = "updated_since", required = false) String updatedSince,
                                    @RequestParam(defaultValue = "100") int limit,
                                    @RequestParam(required = false) String cursor) {
        StatusListPage page = tenant.messages().statusPage(new StatusQuery(conversationId, names(status),
                ConversationsController.time("updated_since", updatedSince), limit), cursor);
        return JsonReplies.list("messages", page.messages(), tenant,
                new Document("next_cursor", page.nextCursor()).append("has_more", page.hasMore()));
    }

    /** Seed 002's "count messages by status per user". */
    @GetMapping("/api/v1/message-statuses/counts")
    ResponseEntity<String> counts(TenantScope tenant,
                                  @RequestParam(name = "group_by", defaultValue = "conversation_id,status") String groupBy) {
        List<Document> rows = tenant.messages().statusCounts(new ArrayList<>(names(groupBy)));
        return JsonReplies.json(HttpStatus.OK, DocumentJson.write(new Document("counts", rows).append("count", rows.size())));
    }

    private static List<StatusEvent> events(String body, String messageId) {
        List<Document> raw;
        Document object = body != null && body.strip().startsWith("{") ? DocumentJson.parseObject("body", body) : null;
        if (object != null && object.get("statuses") instanceof List<?> list) {
            raw = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Document doc)) {
                    throw new InvalidInputException("statuses", "must be an array of objects");
                }
                raw.add(doc);
            }
        } else {
            raw = DocumentJson.parseObjects("body", body);
        }
        List<StatusEvent> events = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String field = raw.size() == 1 ? null : "statuses[" + i + "]";
            if (messageId == null && Seed002Documents.isSeed002(raw.get(i))) { // seed 002's document: its history, its times
                events.addAll(seed002(raw.get(i), field));
            } else {
                events.add(StatusEvent.parse(raw.get(i), messageId, field));
            }
        }
        if (events.size() > Messages.MAX_BATCH) {
            throw new InvalidInputException("statuses", "hold " + events.size() + " status events; at most "
                    + Messages.MAX_BATCH + " a request");
        }
        return events;
    }

    private static List<StatusEvent> seed002(Document document, String field) {
        try {
            return Seed002Documents.toEvents(document, "seed002");
        } catch (InvalidInputException e) {
            throw field == null ? e : new InvalidInputException(field + "." + e.field(), e.reason());
        }
    }

    private static Set<String> names(String csv) {
        if (csv == null || csv.isBlank()) {
            return null;
        }
        return new LinkedHashSet<>(Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
