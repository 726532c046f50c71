package dev.parley.messages;

import org.bson.Document;

import java.util.Date;
import java.util.Objects;

/**
 * A message as the status lists and counters see it: its latest status {@code s} and its time
 * {@code t} ({@code latest_timestamp}), when its status history last grew {@code u}
 * ({@code last_updated_at}), its conversation (for the counters), and where it stood before its
 * history last grew ({@code pt}, {@code ps}), so a client paging a list keeps seeing the order it
 * started with (see {@link StatusLists}). Times are epoch milliseconds.
 */
record StatusEntry(String messageId, String status, long t, long u, String conversationId, Long pt, String ps) {

    /** Where the message stood before its history last grew: kept on the message by {@link MessageState}. */
    static final String PREVIOUS_STATUS = "previous_status";
    static final String PREVIOUS_TIME = "previous_latest_timestamp";

    /** The entry of a stored (or about to be stored) message; null when it has no status. */
    static StatusEntry of(String messageId, Document message) {
        if (message == null || !(message.get("status") instanceof String status)) {
            return null;
        }
        long t = millis(message.get("latest_timestamp"), 0);
        long u = millis(message.get("last_updated_at"), millis(message.get("updated_at"), t));
        Long pt = message.get(PREVIOUS_TIME) instanceof Date previous ? previous.getTime() : null;
        return new StatusEntry(messageId, status, t, u, message.getString("conversation_id"), pt, message.getString(PREVIOUS_STATUS));
    }

    /** True when nothing the counters count changed between the two. */
    boolean sameCount(StatusEntry other) {
        return other != null && status.equals(other.status) && Objects.equals(conversationId, other.conversationId);
    }

    private static long millis(Object value, long otherwise) {
        return value instanceof Date date ? date.getTime() : otherwise;
    }
}
