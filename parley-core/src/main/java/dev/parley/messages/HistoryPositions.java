package dev.parley.messages;

import org.bson.Document;

import java.util.Map;

/**
 * The counter that orders a conversation's messages into history pages, kept on the conversation.
 * Owned here and implemented by the conversations feature; a message naming a conversation that
 * nobody started creates it on the fly.
 */
public interface HistoryPositions {

    /**
     * Reserves {@code counts} positions in each conversation (in one round of writes), creating a
     * missing conversation from its {@code onCreate}; returns each conversation's first reserved
     * position (1-based). Not durable by itself: the message write path flushes.
     */
    Map<String, Long> reserveHistory(Map<String, Integer> counts, Map<String, Document> onCreate);

    /** The highest reserved position, or -1 when the conversation does not exist. */
    long lastHistoryPosition(String conversationId);
}
