package dev.parley.messages;

import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One delivery-status event for a message, from a webhook, a scan, an import or the API.
 * Events are deduplicated on {@code status + timestamp + execution_id} (seed 002).
 *
 * @param scan    true when the event comes from a scan (seed 002's list/track modes): an event that
 *                changes nothing then still records {@code last_scanned_at}
 * @param details  provider facts to keep on the message (WhatsApp {@code pricing},
 *                 {@code whatsapp_conversation}, {@code biz_opaque_callback_data}, seed 002's
 *                 {@code workflow_id}, the contact's {@code contact_wa_id}), for cost analytics
 * @param metadata what else the event carried, kept on its history entry (as a message body's
 *                 unknown fields are kept in its {@code metadata}); null when nothing
 * @param recorded the times a seed 002 document being imported recorded ({@code first_seen_at},
 *                 {@code last_updated_at}, {@code last_scanned_at}), kept instead of the import's
 *                 own time; null for live events
 */
public record StatusEvent(String messageId, MessageStatus status, Instant timestamp, String executionId,
                          String conversationId, String source, Document error, boolean scan, Document details,
                          Document metadata, Document recorded) {

    public StatusEvent(String messageId, MessageStatus status, Instant timestamp, String executionId,
                       String conversationId, String source, Document error, boolean scan) {
        this(messageId, status, timestamp, executionId, conversationId, source, error, scan, null);
    }

    public StatusEvent(String messageId, MessageStatus status, Instant timestamp, String executionId,
                       String conversationId, String source, Document error, boolean scan, Document details) {
        this(messageId, status, timestamp, executionId, conversationId, source, error, scan, details, null, null);
    }

    /** This event with the times an imported document recorded (see {@code recorded}). */
    public StatusEvent withRecorded(Document times) {
        return new StatusEvent(messageId, status, timestamp, executionId, conversationId, source, error, scan, details,
                metadata, times == null || times.isEmpty() ? null : times);
    }

    /**
     * {@code wa_id} is the contact's WhatsApp id here as in message bodies and conversations
     * ({@code contact_wa_id}); {@code recipient_id} is the name WhatsApp's own status objects give
     * the conversation (seed 002: the WhatsApp user the message went to).
     */
    private static final Map<String, String> ALIASES = Map.of("latest_status", "status", "wa_id", "contact_wa_id",
            "recipient_id", "conversation_id", "id", "message_id");
    /** What {@link #parse} reads; anything else an event carries is kept in its entry's {@code metadata}. */
    private static final Set<String> READ = Set.of("message_id", "status", "timestamp", "execution_id",
            "conversation_id", "source", "error", "errors", "scan", "workflow_id", "contact_wa_id", "metadata", "organization_id");

    /**
     * Source of events whose provider sends no event time (Twilio): Parley stamps the receipt time
     * and deduplicates them on status + execution id alone, so a retried callback lands once.
     */
    public static final String UNTIMED_SOURCE = "twilio";

    /** The dedup key of seed 002 (status + timestamp + execution id). */
    String dedupKey() {
        return MessageState.key(historyEntry());
    }

    Document historyEntry() {
        Document entry = new Document("status", status.wire()).append("timestamp", Date.from(timestamp))
                .append("execution_id", executionId);
        if (conversationId != null) {
            entry.append("conversation_id", conversationId);
        }
        if (source != null) {
            entry.append("source", source);
        }
        if (UNTIMED_SOURCE.equals(source)) {
            entry.append("timestamp_source", "received");
        }
        if (error != null) {
            entry.append("error", error);
        }
        if (metadata != null && !metadata.isEmpty()) {
            entry.append("metadata", metadata);
        }
        return entry;
    }

    /** Parses a status event from JSON; {@code messageId} (from a path) wins over the body's. */
    public static StatusEvent parse(Document input, String messageId, String field) {
        Document in = InputFields.canonical(input, ALIASES);
        try {
            String id = messageId != null ? messageId : InputFields.string(in, "message_id", true, MessageFields.MAX_ID);
            Instant at = InputFields.instant(in, "timestamp", false);
            Object scan = in.get("scan");
            return new StatusEvent(id, MessageStatus.parse("status", InputFields.string(in, "status", true, 32)),
                    at == null ? Instant.now() : at,
                    InputFields.string(in, "execution_id", false, MessageFields.MAX_ID),
                    InputFields.string(in, "conversation_id", false, MessageFields.MAX_ID),
                    InputFields.string(in, "source", false, 64),
                    in.get("errors") instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Document first
                            ? first : InputFields.subDocument(in, "error"),
                    Boolean.TRUE.equals(scan) || "true".equals(scan), details(in), unread(in), null);
        } catch (InvalidInputException e) {
            throw field == null ? e : new InvalidInputException(field + "." + e.field(), e.reason());
        }
    }

    /** Facts for the message itself: seed 002's {@code workflow_id}, the contact's {@code contact_wa_id}. */
    private static Document details(Document in) {
        Document details = new Document();
        for (String name : List.of("workflow_id", "contact_wa_id")) {
            String value = InputFields.string(in, name, false, MessageFields.MAX_ID);
            if (value != null) {
                details.put(name, value);
            }
        }
        return details.isEmpty() ? null : details;
    }

    /** The event's {@code metadata} object plus every top-level field {@link #parse} does not read. */
    private static Document unread(Document in) {
        Document given = InputFields.subDocument(in, "metadata");
        Document kept = given == null ? new Document() : new Document(given);
        in.forEach((name, value) -> {
            if (!READ.contains(name) && !name.startsWith("$")) {
                kept.put(name, value);
            }
        });
        return kept.isEmpty() ? null : kept;
    }
}
