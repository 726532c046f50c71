package dev.parley.messages;

import org.bson.Document;

import java.util.List;

/**
 * One page of search results, newest first, each message with a {@code snippet} (HTML, matches
 * in {@code <mark>}). {@code nextCursor} continues the search; a page may hold fewer than the
 * limit and still have more, when a search examined its maximum of candidates for one request.
 */
public record SearchPage(List<Document> messages, String nextCursor, boolean hasMore) {
}
