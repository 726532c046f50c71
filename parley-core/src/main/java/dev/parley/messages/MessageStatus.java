package dev.parley.messages;

import dev.parley.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Delivery statuses in the only order the latest status may move: pending < sent < delivered <
 * read < played, then the terminal failed and deleted. Because the terminal ones rank highest, a
 * {@code read} that arrives after {@code failed} lands in history without changing the latest.
 */
public enum MessageStatus {
    PENDING, SENT, DELIVERED, READ, PLAYED, FAILED, DELETED;

    public static final Set<String> NAMES = Arrays.stream(values()).map(MessageStatus::wire).collect(Collectors.toUnmodifiableSet());

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int rank() {
        return ordinal();
    }

    public static MessageStatus parse(String field, String value) {
        if (value != null) {
            String normal = value.trim().toLowerCase(Locale.ROOT);
            for (MessageStatus status : values()) {
                if (status.wire().equals(normal)) {
                    return status;
                }
            }
        }
        throw new InvalidInputException(field, "must be one of pending, sent, delivered, read, played, failed, deleted, not " + value);
    }
}
