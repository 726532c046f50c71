package dev.parley.erasure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The values that name a person: phone numbers (matched on their digits, however they are
 * written: {@code +966 50-123 4567}, {@code 966501234567}, {@code whatsapp:+966501234567}), email
 * addresses and other identifiers, and names (matched case-insensitively inside any text).
 */
public final class Markers {

    /** Fewer digits than this are no phone number (they would match every timestamp). */
    static final int MIN_PHONE_DIGITS = 7;
    /** Names shorter than this would match inside ordinary words. */
    static final int MIN_NAME = 3;

    private final Set<String> phones = new LinkedHashSet<>();
    private final Set<String> texts = new LinkedHashSet<>();

    /** Adds a phone number (any writing of it). */
    public Markers phone(String value) {
        String digits = digits(value);
        if (digits.length() >= MIN_PHONE_DIGITS) {
            phones.add(digits);
        }
        return this;
    }

    /** Adds an identifier or a name, found case-insensitively inside any text. */
    public Markers text(String value) {
        if (value != null && value.strip().length() >= MIN_NAME) {
            texts.add(value.strip().toLowerCase(Locale.ROOT));
            if (digits(value).length() >= MIN_PHONE_DIGITS && value.replaceAll("[\\d\\s+().\\-]", "").isEmpty()) {
                phone(value);
            }
        }
        return this;
    }

    public boolean isEmpty() {
        return phones.isEmpty() && texts.isEmpty();
    }

    /** Whether {@code value} names the person. */
    public boolean names(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (!phones.isEmpty()) {
            String digits = digits(value);
            for (String phone : phones) {
                if (digits.contains(phone)) {
                    return true;
                }
            }
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String text : texts) {
            if (lower.contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** The phone numbers, as digits (for identifiers compared exactly). */
    public List<String> phoneDigits() {
        return List.copyOf(phones);
    }

    static String digits(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (Character.isDigit(c)) { // Arabic-Indic digits write the same number
                digits.append(Character.digit(c, 10));
            }
        }
        return digits.toString();
    }
}
