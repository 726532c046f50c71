package dev.parley.messages;

import dev.parley.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a status list page ended: the place {@code (t, message id)} of its last message and the
 * time the client started paging ({@code asOf}), which fixes the order every later page follows.
 * Opaque to clients (base64url).
 */
record StatusCursor(long asOf, long t, String messageId) {

    private static final String VERSION = "s1";

    String encode() {
        String raw = VERSION + ":" + asOf + ":" + t + ":" + messageId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static StatusCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException(raw);
            }
            return new StatusCursor(Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "is not a cursor this API returned");
        }
    }

    /** True when the place {@code (t, id)} comes after this cursor in a newest-first list. */
    boolean isBefore(long otherT, String otherId) {
        return otherT < t || otherT == t && otherId.compareTo(messageId) < 0;
    }
}
