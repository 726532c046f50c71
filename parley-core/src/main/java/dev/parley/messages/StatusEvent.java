package dev.parley.messages;

import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * One delivery-status event for a message, from a webhook, a scan, an import or the API.
 * Events are deduplicated on {@code status + timestamp + execution_id} (seed 002).
 *
 * @param scan    true when the event comes from a scan (seed 002's list/track modes): an event that
 *                changes nothing then still records {@code last_scanned_at}
 * @param details provider facts to keep on the message (WhatsApp {@code pricing},
 *                {@code whatsapp_conversation}, {@code biz_opaque_callback_data}), for cost analytics
 */
public record StatusEvent(String messageId, MessageStatus status, Instant timestamp, String executionId,
                          String conversationId, String source, Document error, boolean scan, Document details) {

    public StatusEvent(String messageId, MessageStatus status, Instant timestamp, String executionId,
                       String conversationId, String source, Document error, boolean scan) {
        this(messageId, status, timestamp, executionId, conversationId, source, error, scan, null);
    }

    private static final Map<String, String> ALIASES = Map.of("latest_status", "status", "wa_id", "conversation_id",
            "recipient_id", "conversation_id", "id", "message_id");

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
                    in.get("errors") instanceof java.util.List<?> list && !list.isEmpty() && list.get(0) instanceof Document first
                            ? first : InputFields.subDocument(in, "error"),
                    Boolean.TRUE.equals(scan) || "true".equals(scan));
        } catch (InvalidInputException e) {
            throw field == null ? e : new InvalidInputException(field + "." + e.field(), e.reason());
        }
    }
}
