package dev.parley.messages;

import org.bson.Document;

import java.util.List;

/**
 * One page of a conversation's history. {@code nextCursor} continues in the same direction
 * (pass it as {@code before} for newest-first, {@code after} for oldest-first).
 */
public record HistoryPage(List<Document> messages, String nextCursor, boolean hasMore) {
}
