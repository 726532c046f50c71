package dev.parley.server.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A configured budget such as {@code 1000/1h}: calls per window (s, m, h or d). */
public record RateBudget(long limit, Duration window) {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*/\\s*(\\d*)\\s*([smhd])");

    /** Empty for an unset or blank setting (no budget); a malformed one fails the start. */
    public static Optional<RateBudget> parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw new IllegalArgumentException(name + " must look like 1000/1h (calls per s, m, h or d), not " + value);
        }
        long units = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return Optional.of(new RateBudget(Long.parseLong(m.group(1)), unit.multipliedBy(Math.max(1, units))));
    }
}
