package dev.parley.messages;

import org.bson.Document;

import java.util.List;

/** One page of a status list, newest {@code latest_timestamp} first; {@code nextCursor} null at the end. */
public record StatusListPage(List<Document> messages, String nextCursor, boolean hasMore) {
}
