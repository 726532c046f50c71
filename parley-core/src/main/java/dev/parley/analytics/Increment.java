package dev.parley.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * One value to add to a metric's rollups: {@code value} of {@code metric} with {@code tags} at
 * {@code at}.
 */
public record Increment(String metric, Map<String, String> tags, Instant at, double value) {

    public Increment {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
