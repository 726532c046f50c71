package dev.parley.fields;

import dev.parley.InvalidInputException;
import org.bson.Document;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.time.ZoneId;

/**
 * Reading user input the way the seeds wrote it: camelCase or snake_case names, seed-specific
 * aliases, enums in any case, times as ISO-8601, epoch seconds or epoch millis. Every refusal
 * names the field.
 */
public final class InputFields {

    private InputFields() {
    }

    /** {@code latestStatus} → {@code latest_status}; snake_case names pass unchanged. */
    public static String snake(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && name.charAt(i - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A copy of {@code input} with snake_case top-level names and {@code aliases} applied. */
    public static Document canonical(Document input, Map<String, String> aliases) {
        Document out = new Document();
        for (Map.Entry<String, Object> entry : input.entrySet()) {
            String name = snake(entry.getKey());
            name = aliases.getOrDefault(name, name);
            if (!out.containsKey(name) || out.get(name) == null) {
                out.put(name, entry.getValue());
            }
        }
        return out;
    }

    public static String string(Document doc, String field, boolean required, int maxLength) {
        Object value = doc.get(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                throw new InvalidInputException(field, "is required");
            }
            return null;
        }
        if (value instanceof Number || value instanceof Boolean) {
            value = value.toString();
        }
        if (!(value instanceof String s)) {
            throw new InvalidInputException(field, "must be a string");
        }
        if (s.length() > maxLength) {
            throw new InvalidInputException(field, "must be at most " + maxLength + " characters");
        }
        return s;
    }

    /** The value of an enum field, lower-cased, checked against {@code allowed}. */
    public static String oneOf(Document doc, String field, Set<String> allowed, String fallback) {
        String value = string(doc, field, fallback == null, 64);
        if (value == null) {
            return fallback;
        }
        String normal = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normal)) {
            throw new InvalidInputException(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ", not " + value);
        }
        return normal;
    }

    /** An IANA time zone ({@code Asia/Kolkata}), or {@code fallback} when blank. */
    public static ZoneId zone(String field, String id, ZoneId fallback) {
        if (id == null || id.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "unknown IANA time zone " + id);
        }
    }

    /** A time: BSON date, ISO-8601 text, or epoch seconds (below 10^11) / millis. */
    public static Instant instant(Document doc, String field, boolean required) {
        Object value = doc.get(field);
        if (value == null) {
            if (required) {
                throw new InvalidInputException(field, "is required");
            }
            return null;
        }
        return instant(field, value);
    }

    public static Instant instant(String field, Object value) {
        try {
            if (value instanceof Date date) {
                return date.toInstant();
            }
            if (value instanceof Instant instant) {
                return instant;
            }
            if (value instanceof Number number) {
                return epoch(number.longValue());
            }
            if (value instanceof String text) {
                String trimmed = text.trim();
                if (trimmed.matches("\\d{1,13}")) {
                    return epoch(Long.parseLong(trimmed));
                }
                try {
                    return Instant.parse(trimmed);
                } catch (DateTimeParseException e) {
                    return OffsetDateTime.parse(trimmed).toInstant();
                }
            }
        } catch (DateTimeException | ArithmeticException e) {
            // fall through to the refusal below
        }
        throw new InvalidInputException(field, "must be an ISO-8601 time (2026-01-27T10:30:00Z) or epoch seconds/millis");
    }

    private static Instant epoch(long value) {
        return value < 100_000_000_000L ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
    }

    public static Document subDocument(Document doc, String field) {
        Object value = doc.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Document d) {
            return d;
        }
        if (value instanceof Map<?, ?> map) {
            Document d = new Document();
            map.forEach((k, v) -> d.put(String.valueOf(k), v));
            return d;
        }
        throw new InvalidInputException(field, "must be an object");
    }

    public static List<?> list(Document doc, String field) {
        Object value = doc.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new InvalidInputException(field, "must be an array");
    }

    public static Number number(Document doc, String field) {
        Object value = doc.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n;
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new InvalidInputException(field, "must be a number");
    }
}
