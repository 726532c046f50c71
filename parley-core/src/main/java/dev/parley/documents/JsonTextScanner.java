package dev.parley.documents;

import dev.parley.InvalidInputException;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Checks JSON text against {@link JsonLimits} before (or while) the BSON driver's JsonReader reads
 * it: nesting depth (its decoder recurses once per level), string, number and
 * {@code $numberDecimal} lengths, and nothing after the one top-level value. It splits the text
 * into tokens exactly as {@code org.bson.json.JsonScanner} does (both quote kinds, escapes, regex
 * literals, unquoted words), so brackets inside strings or regexes cannot fool the count; where
 * the two could differ the driver refuses the text anyway at that point. One pass, no allocation
 * per character, usable on a stream.
 */
public final class JsonTextScanner {

    private enum State { BETWEEN, STRING, ESCAPE, UNICODE, REGEX, REGEX_ESCAPE, REGEX_OPTIONS, NUMBER, WORD }

    private static final int KEYWORD_LENGTH = 16;

    private final String field;
    private final JsonLimits limits;
    private State state = State.BETWEEN;
    private char quote;
    private int depth;
    private boolean closed;
    private long position;
    private long tokenLength;
    private int unicodeLeft;
    private int unicodeValue;
    private final StringBuilder keyword = new StringBuilder(KEYWORD_LENGTH);
    /** The last token was {@code $numberDecimal}/{@code NumberDecimal}: its value is the next string. */
    private boolean decimalNamed;
    private boolean decimalValue;

    public JsonTextScanner(String field, JsonLimits limits) {
        this.field = field;
        this.limits = limits;
    }

    /** Checks a whole text. */
    public static void check(String field, CharSequence json, JsonLimits limits) {
        JsonTextScanner scanner = new JsonTextScanner(field, limits);
        for (int i = 0; i < json.length(); i++) {
            scanner.accept(json.charAt(i));
        }
    }

    /** A reader that checks the text passing through it, refusing with {@link InvalidInputException}. */
    public static Reader checking(Reader in, String field, JsonLimits limits) {
        JsonTextScanner scanner = new JsonTextScanner(field, limits);
        return new FilterReader(in) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                    scanner.accept((char) c);
                }
                return c;
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                for (int i = 0; i < n; i++) {
                    scanner.accept(buffer[offset + i]);
                }
                return n;
            }
        };
    }

    public void accept(char c) {
        position++;
        switch (state) {
            case BETWEEN -> between(c);
            case STRING -> {
                if (c == '\\') {
                    state = State.ESCAPE;
                } else if (c == quote) {
                    endString();
                } else {
                    stringChar(c);
                }
            }
            case ESCAPE -> {
                if (c == 'u') { // JsonScanner takes the next four characters, whatever they are
                    state = State.UNICODE;
                    unicodeLeft = 4;
                    unicodeValue = 0;
                } else {
                    state = State.STRING;
                    stringChar(unescaped(c));
                }
            }
            case UNICODE -> {
                unicodeValue = unicodeValue * 16 + Math.max(0, Character.digit(c, 16));
                if (--unicodeLeft == 0) {
                    state = State.STRING;
                    stringChar((char) unicodeValue);
                }
            }
            case REGEX -> {
                if (c == '\\') {
                    state = State.REGEX_ESCAPE;
                } else if (c == '/') {
                    state = State.REGEX_OPTIONS;
                } else {
                    countString();
                }
            }
            case REGEX_ESCAPE -> {
                state = State.REGEX;
                countString();
            }
            case REGEX_OPTIONS -> {
                if ("imxs".indexOf(c) < 0) {
                    state = State.BETWEEN;
                    between(c);
                }
            }
            case NUMBER -> {
                if (endsNumber(c)) {
                    state = State.BETWEEN;
                    between(c);
                } else if (++tokenLength > limits.maxNumberLength()) {
                    refuse("has a number longer than " + limits.maxNumberLength() + " characters");
                }
            }
            case WORD -> {
                if (c == '$' || c == '_' || Character.isLetterOrDigit(c)) {
                    stringChar(c);
                } else {
                    endWord();
                    state = State.BETWEEN;
                    between(c);
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void between(char c) {
        if (Character.isWhitespace(c)) {
            return;
        }
        if (closed) {
            refuse("has more text after the end of the JSON value");
        }
        if (decimalNamed && c != ':' && c != '(' && c != '"' && c != '\'') {
            decimalNamed = false; // e.g. ["$numberDecimal", "…"]: a plain string, not a decimal's name
        }
        switch (c) {
            case '{', '[' -> {
                if (++depth > limits.maxDepth()) {
                    refuse("nests objects and arrays deeper than " + limits.maxDepth() + " levels");
                }
            }
            case '}', ']' -> {
                depth = Math.max(0, depth - 1);
                closed = depth == 0;
            }
            case '"', '\'' -> startString(c, State.STRING);
            case '/' -> startString(c, State.REGEX);
            default -> {
                if (c == '-' || Character.isDigit(c)) {
                    state = State.NUMBER;
                    tokenLength = 1;
                } else if (c == '$' || c == '_' || Character.isLetter(c)) {
                    startString(c, State.WORD);
                    stringChar(c);
                }
            }
        }
    }

    private void startString(char c, State next) {
        state = next;
        quote = c;
        tokenLength = 0;
        keyword.setLength(0);
        decimalValue = decimalNamed && next == State.STRING;
        decimalNamed = false;
    }

    private void stringChar(char c) {
        countString();
        if (keyword.length() < KEYWORD_LENGTH) {
            keyword.append(c);
        }
    }

    private void countString() {
        tokenLength++;
        if (decimalValue && tokenLength > limits.maxDecimalLength()) {
            refuse("has a $numberDecimal longer than " + limits.maxDecimalLength() + " characters");
        }
        if (tokenLength > limits.maxStringLength()) {
            refuse("has a string longer than " + limits.maxStringLength() + " characters");
        }
    }

    private void endString() {
        state = State.BETWEEN;
        endWord();
    }

    private void endWord() {
        String word = keyword.toString();
        decimalNamed = !decimalValue && (word.equals("$numberDecimal") || word.equals("NumberDecimal"));
        decimalValue = false;
    }

    private static boolean endsNumber(char c) {
        return c == ',' || c == '}' || c == ']' || c == ')' || Character.isWhitespace(c);
    }

    private static char unescaped(char c) {
        return switch (c) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> c;
        };
    }

    private void refuse(String reason) {
        throw new InvalidInputException(field, reason + " (at character " + position + ")");
    }
}
