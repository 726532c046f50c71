package dev.parley.messages;

import java.time.Instant;
import java.util.Set;

/**
 * Seed 002's status queries: a conversation's messages by latest status time, unread
 * ({@code statuses = sent, delivered}), by status, and updated since a time.
 */
public record StatusQuery(String conversationId, Set<String> statuses, Instant updatedSince, int limit) {
}
