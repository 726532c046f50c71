package dev.parley.scans;

import dev.parley.InvalidInputException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The period of {@code --every}: {@code 30s}, {@code 5m}, {@code 1h}, {@code 1h30m}, or ISO-8601 {@code PT5M}. */
public final class ScanInterval {

    private static final Pattern PARTS = Pattern.compile("(\\d+)([dhms])");
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private ScanInterval() {
    }

    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration duration = value.startsWith("p") ? iso(text) : units(value);
        if (duration == null || duration.compareTo(SHORTEST) < 0) {
            throw new InvalidInputException("--every", "must be a period of at least 1s such as 30s, 5m, 1h or 1h30m, not '" + text + "'");
        }
        return duration;
    }

    private static Duration iso(String text) {
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration units(String value) {
        if (value.isEmpty() || !value.matches("(\\d+[dhms])+")) {
            return null;
        }
        try {
            Duration total = Duration.ZERO;
            Matcher part = PARTS.matcher(value);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                });
            }
            return total;
        } catch (ArithmeticException | NumberFormatException tooLong) {
            return null;
        }
    }

    /** {@code 5m}, {@code 1h30m}: the form people type. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        StringBuilder out = new StringBuilder();
        for (long[] unit : new long[][] {{86_400, 'd'}, {3_600, 'h'}, {60, 'm'}, {1, 's'}}) {
            if (seconds >= unit[0]) {
                out.append(seconds / unit[0]).append((char) unit[1]);
                seconds %= unit[0];
            }
        }
        return out.length() == 0 ? "0s" : out.toString();
    }
}
