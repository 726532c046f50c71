package dev.parley.conversations;

import java.time.Instant;

/**
 * Filters of a conversation list (seed 004's query shapes), newest {@code started_at} first
 * unless {@code ascending}. {@code cursor} is the {@code next_cursor} of the previous page.
 */
public record ConversationQuery(String status, String channel, String agentId, String contactId, String userId,
                                String tag, Instant startedFrom, Instant startedTo, int limit, boolean ascending,
                                String cursor) {

    public static ConversationQuery all(int limit) {
        return new ConversationQuery(null, null, null, null, null, null, null, null, limit, false, null);
    }
}
