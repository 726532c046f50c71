package dev.parley.messages;

import dev.parley.InvalidInputException;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a message search is narrowed to besides its words; every field optional. {@code from}
 * is inclusive, {@code to} exclusive, both on {@code created_at}.
 */
public record MessageSearchFilters(String conversationId, String senderType, String messageType, String direction,
                                   String status, Instant from, Instant to) {

    public static final MessageSearchFilters NONE = new MessageSearchFilters(null, null, null, null, null, null, null);

    public MessageSearchFilters {
        check("sender_type", senderType, MessageFields.SENDER_TYPES);
        check("message_type", messageType, MessageFields.MESSAGE_TYPES);
        check("direction", direction, MessageFields.DIRECTIONS);
        if (status != null) {
            status = MessageStatus.parse("status", status).wire();
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
    }

    private static void check(String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new InvalidInputException(field, "must be one of " + new TreeSet<>(allowed));
        }
    }

    boolean accepts(Document message) {
        Date created = message.getDate("created_at");
        return (conversationId == null || conversationId.equals(message.getString("conversation_id")))
                && (senderType == null || senderType.equals(message.getString("sender_type")))
                && (messageType == null || messageType.equals(message.getString("message_type")))
                && (direction == null || direction.equals(message.getString("direction")))
                && (status == null || status.equals(message.getString("status")))
                && (from == null || created != null && !created.toInstant().isBefore(from))
                && (to == null || created != null && created.toInstant().isBefore(to));
    }
}
