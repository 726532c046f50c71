package dev.parley.scans;

import dev.parley.InvalidInputException;

import java.time.Instant;

/**
 * Seed 002's selection: list mode (optionally one conversation) or track mode (one message).
 *
 * @param conversationId the WhatsApp user id (the statuses' {@code recipient_id}); {@code null} for all
 * @param messageId      track mode: only this message; {@code null} in list mode
 * @param since          only messages with a status at or after this time; {@code null} for all
 * @param maxMessages    the newest this many messages; 0 for no limit (track mode needs none)
 */
public record ScanFilter(String conversationId, String messageId, Instant since, int maxMessages) {

    public ScanFilter {
        if (maxMessages < 0) {
            throw new InvalidInputException("--max-messages", "must be 0 (no limit) or more, not " + maxMessages);
        }
        if (messageId != null && conversationId == null) {
            throw new InvalidInputException("MESSAGE_ID", "needs the CONVERSATION_ID before it (track mode)");
        }
    }

    public boolean trackMode() {
        return messageId != null;
    }

    /** How many messages the scan keeps: one in track mode. */
    int limit() {
        return trackMode() ? 1 : maxMessages;
    }

    boolean matches(ScannedMessage message) {
        return (messageId == null || messageId.equals(message.messageId()))
                && (conversationId == null || message.events().stream().anyMatch(e -> conversationId.equals(e.conversationId())))
                && (since == null || !message.newestAt().isBefore(since));
    }
}
