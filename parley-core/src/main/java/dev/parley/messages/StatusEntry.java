package dev.parley.messages;

import org.bson.Document;

import java.util.Date;
import java.util.Objects;

/**
 * A message as the status index lists it: its latest status {@code s} and its time {@code t}
 * ({@code latest_timestamp}), when its status history last grew {@code u}
 * ({@code last_updated_at}), its conversation (for the counters), and where it stood before its
 * last change ({@code pt}, {@code ps}), so a client paging a list keeps seeing the order it
 * started with (see {@link StatusLists}). Times are epoch milliseconds.
 */
record StatusEntry(String messageId, String status, long t, long u, String conversationId, Long pt, String ps) {

    /** The entry of a stored (or about to be stored) message; null when it has no status. */
    static StatusEntry of(String messageId, Document message) {
        if (message == null || !(message.get("status") instanceof String status)) {
            return null;
        }
        long t = millis(message.get("latest_timestamp"), 0);
        long u = millis(message.get("last_updated_at"), millis(message.get("updated_at"), t));
        return new StatusEntry(messageId, status, t, u, message.getString("conversation_id"), null, null);
    }

    /** The entry as the updated list keeps it, under its message id (the conversation is not kept). */
    static StatusEntry read(String messageId, Document kept) {
        Object pt = kept.get("pt");
        return new StatusEntry(messageId, kept.getString("s"), ((Number) kept.get("t")).longValue(),
                ((Number) kept.get("u")).longValue(), null, pt == null ? null : ((Number) pt).longValue(),
                kept.getString("ps"));
    }

    /** The place a status list keeps ({@code t} only): not known to have moved since any time. */
    static StatusEntry listed(String messageId, String status, long t) {
        return new StatusEntry(messageId, status, t, Long.MIN_VALUE, null, null, null);
    }

    Document toDocument() {
        return new Document("s", status).append("t", t).append("u", u).append("pt", pt).append("ps", ps);
    }

    /** True when nothing a list or a count shows changed between the two. */
    boolean samePlace(StatusEntry other) {
        return other != null && status.equals(other.status) && t == other.t && u == other.u
                && Objects.equals(conversationId, other.conversationId);
    }

    /** This entry, remembering where the message stood before ({@code before} null: it was in no list). */
    StatusEntry movedFrom(StatusEntry before) {
        return new StatusEntry(messageId, status, t, u, conversationId,
                before == null ? null : before.t, before == null ? null : before.status);
    }

    private static long millis(Object value, long otherwise) {
        return value instanceof Date date ? date.getTime() : otherwise;
    }
}
