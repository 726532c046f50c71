package dev.parley.webhooks;

/** The longest start of a text that fits in a number of UTF-8 bytes, never splitting a character. */
final class Utf8Prefix {

    private Utf8Prefix() {
    }

    /** {@code text}, shortened by whole characters until it takes at most {@code maxBytes} in UTF-8. */
    static String cut(String text, int maxBytes) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
            if (bytes + size > maxBytes) {
                return text.substring(0, i);
            }
            bytes += size;
            if (pair) {
                i++;
            }
        }
        return text;
    }
}
