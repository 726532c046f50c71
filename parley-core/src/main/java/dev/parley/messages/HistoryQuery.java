package dev.parley.messages;

import dev.parley.InvalidInputException;

/**
 * A window of a conversation's history: {@code limit} messages before or after a cursor,
 * newest first ({@code desc}, the default) or oldest first; in the order messages were logged into
 * the conversation, or with {@code byCreatedAt} in seed 004's order, {@code created_at} (then the
 * order they were logged in). A cursor belongs to its order.
 */
public record HistoryQuery(int limit, String before, String after, boolean ascending, boolean byCreatedAt) {

    public static final int MAX_LIMIT = 200;

    /** In the order messages were logged into the conversation. */
    public HistoryQuery(int limit, String before, String after, boolean ascending) {
        this(limit, before, after, ascending, false);
    }

    public HistoryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (before != null && after != null) {
            throw new InvalidInputException("before", "cannot be combined with after");
        }
    }

    public static HistoryQuery latest(int limit) {
        return new HistoryQuery(limit, null, null, false);
    }

    static long position(String field, String cursor) {
        try {
            long value = Long.parseLong(cursor, 36);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "is not a cursor this API returned");
        }
    }

    static String cursor(long position) {
        return Long.toString(position, 36);
    }

    /** A {@code created_at} order cursor: the entry's time and position, {@code <millis>_<position>} in base 36. */
    static String createdAtCursor(long millis, long position) {
        return Long.toString(millis, 36) + "_" + Long.toString(position, 36);
    }

    /** {time millis, position} of a cursor {@link #createdAtCursor} made. */
    static long[] createdAtCursor(String field, String cursor) {
        int cut = cursor.indexOf('_');
        try {
            if (cut < 1) {
                throw new NumberFormatException();
            }
            long position = Long.parseLong(cursor.substring(cut + 1), 36);
            if (position < 1) {
                throw new NumberFormatException();
            }
            return new long[] {Long.parseLong(cursor.substring(0, cut), 36), position};
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "is not a cursor of order_by=created_at this API returned");
        }
    }
}
