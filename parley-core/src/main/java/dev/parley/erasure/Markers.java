package dev.parley.erasure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values that name a person: phone numbers (matched on the digits of any number-like run of a
 * text, however it is written: {@code +966 50-123 4567}, {@code 966501234567},
 * {@code whatsapp:+966501234567}), and email addresses, other identifiers and names (matched
 * case-insensitively as whole words, so erasing "Ali" leaves "quality" alone).
 */
public final class Markers {

    /** Fewer digits than this are no phone number (they would match every timestamp). */
    static final int MIN_PHONE_DIGITS = 7;
    /** Names shorter than this would match inside ordinary words. */
    static final int MIN_NAME = 3;

    /** A run of digits as people write numbers: with spaces, dashes, dots, parentheses, a leading +. */
    private static final Pattern NUMBER_RUN = Pattern.compile("[+(]?\\p{Nd}[\\p{Nd}\\s().\\-]*");

    private final Set<String> phones = new LinkedHashSet<>();
    private final Set<String> texts = new LinkedHashSet<>();
    private final List<Pattern> words = new ArrayList<>();

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
            if (texts.add(value.strip().toLowerCase(Locale.ROOT))) {
                words.add(Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(value.strip()) + "(?![\\p{L}\\p{N}_])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            }
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
            Matcher run = NUMBER_RUN.matcher(value);
            while (run.find()) {
                String digits = digits(run.group());
                for (String phone : phones) {
                    if (digits.contains(phone)) {
                        return true;
                    }
                }
            }
        }
        for (Pattern word : words) {
            if (word.matcher(value).find()) {
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
