package dev.parley.analytics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A metric's tag set, named by a short digest so that rollup keys stay short whatever the tags
 * hold. The empty tag set is {@code all}: every value of a metric is also added there, so an
 * unfiltered query reads one series.
 */
final class Series {

    static final String ALL = "all";

    private Series() {
    }

    static String of(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return ALL;
        }
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(tags).forEach((k, v) -> canonical.append(k.length()).append(':').append(k)
                .append(v.length()).append(':').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "s" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a series with {@code tags} is one a query filtered by {@code filter} must count. */
    static boolean matches(Map<String, ?> tags, Map<String, String> filter) {
        for (Map.Entry<String, String> wanted : filter.entrySet()) {
            if (!wanted.getValue().equals(tags.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
