package dev.parley.contacts;

import dev.parley.InvalidInputException;
import org.bson.Document;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.TreeSet;

/**
 * The identifiers a contact is found by, as keys {@code <type>:<value>}: {@code phone:+<digits>}
 * (a WhatsApp wa_id, an E.164 number, Twilio's {@code whatsapp:+…}, a chat export's
 * {@code +966 50 123 4567}: one person, one key), {@code email:<lower case>}, and
 * {@code external_id:<id>} (seed 004's CRM {@code contact_id}). A value that is none of these
 * identifies nobody: names are never used to link (no guessing).
 */
public final class Identifiers {

    public static final Set<String> TYPES = Set.of("phone", "whatsapp", "email", "external_id");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-.\u00a0]{7,24}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,63}");
    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 15;

    private Identifiers() {
    }

    /** The key of a value seen in a message (a phone number or an email address), or null. */
    public static String seen(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip().replaceFirst("^(whatsapp|tel|sms):", "");
        if (PHONE.matcher(value).matches()) {
            String digits = value.replaceAll("[^0-9]", "");
            return digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS ? "phone:+" + digits : null;
        }
        return EMAIL.matcher(value).matches() ? "email:" + value.toLowerCase(Locale.ROOT) : null;
    }

    /** The key of an identifier given as {@code {type, value}} (API input); 400 naming the field when it is not one. */
    public static String given(Document identifier, String field) {
        Object type = identifier.get("type");
        Object value = identifier.get("value");
        if (!(type instanceof String t) || !TYPES.contains(t)) {
            throw new InvalidInputException(field + ".type", "must be one of " + String.join(", ", new TreeSet<>(TYPES)));
        }
        if (!(value instanceof String v) || v.isBlank() || v.length() > 256) {
            throw new InvalidInputException(field + ".value", "must be a text of 1 to 256 characters");
        }
        if (t.equals("external_id")) {
            return "external_id:" + v.strip();
        }
        String key = seen(v);
        if (key == null || !key.startsWith(t.equals("email") ? "email:" : "phone:")) {
            throw new InvalidInputException(field + ".value", t.equals("email") ? "is not an email address"
                    : "is not a phone number (7 to 15 digits, optionally with +, spaces, dashes or parentheses)");
        }
        return key;
    }

    /**
     * The key of a stored {@code {type, value}} identifier ({@code type:value}, as
     * {@code contact_identifiers} and the erasure records' digests have it), or null when either
     * is missing; the inverse of {@link #view}.
     */
    public static String key(Map<?, ?> identifier) {
        return identifier.get("type") instanceof String type && identifier.get("value") instanceof String value
                ? type + ":" + value : null;
    }

    /** {@code {type, value}} of a key. */
    public static Document view(String key) {
        int colon = key.indexOf(':');
        return new Document("type", key.substring(0, colon)).append("value", key.substring(colon + 1));
    }
}
