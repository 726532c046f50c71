package dev.parley.server.messages;

import dev.parley.server.auth.RequiresRole;
import dev.parley.server.web.JsonReplies;
import dev.parley.users.Role;
import dev.parley.TenantScope;
import dev.parley.conversations.ConversationQuery;
import dev.parley.conversations.Conversations;
import dev.parley.documents.DocumentJson;
import dev.parley.fields.InputFields;
import dev.parley.InvalidInputException;
import dev.parley.messages.HistoryPage;
import dev.parley.messages.HistoryQuery;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Seed 004's conversations and seed 000's conversation history over REST. */
@RestController
@RequestMapping("/api/v1/conversations")
@RequiresRole(Role.VIEWER)
class ConversationsController {

    @RequiresRole(Role.ADMIN)

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> start(TenantScope tenant, @RequestBody String body) {
        return JsonReplies.one(HttpStatus.CREATED, tenant.conversations().start(object(body)), tenant);
    }

    @GetMapping
    ResponseEntity<String> list(TenantScope tenant,
                                @RequestParam(required = false) String status,
                                @RequestParam(required = false) String channel,
                                @RequestParam(name = "agent_id", required = false) String agentId,
                                @RequestParam(name = "contact_id", required = false) String contactId,
                                @RequestParam(name = "user_id", required = false) String userId,
                                @RequestParam(required = false) String tag,
                                @RequestParam(name = "started_from", required = false) String startedFrom,
                                @RequestParam(name = "started_to", required = false) String startedTo,
                                @RequestParam(defaultValue = "50") int limit,
                                @RequestParam(defaultValue = "desc") String order,
                                @RequestParam(required = false) String cursor) {
        ConversationQuery query = new ConversationQuery(status, channel, agentId, contactId, userId, tag,
                time("started_from", startedFrom), time("started_to", startedTo), limit, ascending(order), cursor);
        List<Document> page = tenant.conversations().list(query);
        String next = page.size() == limit ? Conversations.cursorAfter(page.get(page.size() - 1)) : null;
        return JsonReplies.list("conversations", page, tenant, new Document("next_cursor", next));
    }

    /** Seed 004's text index on {@code metadata.custom_fields}, as Parley's search (same query language). */
    @GetMapping("/search")
    ResponseEntity<String> search(TenantScope tenant, @RequestParam(required = false) String q,
                                  @RequestParam(defaultValue = "20") int limit,
                                  @RequestParam(required = false) String cursor) {
        var page = tenant.conversations().search(q, limit, cursor);
        return JsonReplies.list("conversations", page.hits(), tenant, new Document("query", q)
                .append("next_cursor", page.nextCursor()).append("has_more", page.nextCursor() != null));
    }

    @GetMapping("/{conversationId}")
    ResponseEntity<String> get(TenantScope tenant, @PathVariable String conversationId) {
        return JsonReplies.one(HttpStatus.OK, tenant.conversations().get(conversationId), tenant);
    }

    @RequiresRole(Role.ADMIN)

    @PatchMapping(path = "/{conversationId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> update(TenantScope tenant, @PathVariable String conversationId, @RequestBody String body) {
        return JsonReplies.one(HttpStatus.OK, tenant.conversations().update(conversationId, object(body)), tenant);
    }

    /** Replaces the whole conversation (PATCH merges {@code metadata}); the body is checked as a new conversation's. */
    @RequiresRole(Role.ADMIN)
    @PutMapping(path = "/{conversationId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> replace(TenantScope tenant, @PathVariable String conversationId, @RequestBody String body) {
        return JsonReplies.one(HttpStatus.OK, tenant.conversations().replace(conversationId, object(body)), tenant);
    }

    /**
     * Seed 000's get_conversation_history, newest first by default, with cursors; in the order
     * messages were logged, or with {@code order_by=created_at} in seed 004's order.
     */
    @GetMapping("/{conversationId}/messages")
    ResponseEntity<String> history(TenantScope tenant, @PathVariable String conversationId,
                                   @RequestParam(defaultValue = "50") int limit,
                                   @RequestParam(required = false) String before,
                                   @RequestParam(required = false) String after,
                                   @RequestParam(defaultValue = "desc") String order,
                                   @RequestParam(name = "order_by", defaultValue = "logged") String orderBy,
                                   @RequestParam(required = false) String fields) {
        HistoryPage page = tenant.messages().history(conversationId,
                new HistoryQuery(limit, before, after, ascending(order), byCreatedAt(orderBy)));
        List<Document> messages = fields == null || fields.isBlank() ? page.messages() : project(page.messages(), fields);
        return JsonReplies.list("messages", messages, tenant,
                new Document("next_cursor", page.nextCursor()).append("has_more", page.hasMore()));
    }

    /** Keeps the named top-level fields (message_id always). */
    private static List<Document> project(List<Document> messages, String fields) {
        Set<String> keep = Arrays.stream(fields.split(",")).map(String::strip).filter(f -> !f.isEmpty())
                .collect(Collectors.toSet());
        keep.add("message_id");
        return messages.stream().map(message -> {
            Document projected = new Document();
            message.forEach((name, value) -> {
                if (keep.contains(name)) {
                    projected.put(name, value);
                }
            });
            return projected;
        }).toList();
    }

    static boolean ascending(String order) {
        return switch (order.toLowerCase()) {
            case "asc", "1" -> true;
            case "desc", "-1" -> false;
            default -> throw new InvalidInputException("order", "must be asc or desc");
        };
    }

    private static boolean byCreatedAt(String orderBy) {
        return switch (orderBy) {
            case "logged" -> false;
            case "created_at" -> true;
            default -> throw new InvalidInputException("order_by", "must be logged or created_at");
        };
    }

    static Instant time(String field, String value) {
        return value == null || value.isBlank() ? null : InputFields.instant(field, value);
    }

    static Document object(String body) {
        return DocumentJson.requireObject(body);
    }
}
