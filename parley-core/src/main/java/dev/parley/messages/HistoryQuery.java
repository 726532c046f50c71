package dev.parley.messages;

import dev.parley.InvalidInputException;

/**
 * A window of a conversation's history: {@code limit} messages before or after a cursor,
 * newest first ({@code desc}, the default) or oldest first.
 */
public record HistoryQuery(int limit, String before, String after, boolean ascending) {

    public static final int MAX_LIMIT = 200;

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
}
