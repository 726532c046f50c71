package dev.parley.audit;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-writing encoder hashes exactly as the encoding was first written, so chains written before still verify. */
class AuditHashTest {

    @Test
    void everyKindOfValueHashesAsTheFirstEncodingDid() throws Exception {
        List<Map<String, Object>> entries = List.of(
                new Document("_id", "t|000000000001").append("user_id", "u-1").append("action", "update").append("seq", 1L)
                        .append("prev_hash", null).append("hash", "ignored").append("created_at", new Date(1767106880123L)),
                new Document("b", -42).append("a", Long.MIN_VALUE).append("c", Long.MAX_VALUE).append("d", 0)
                        .append("e", 3.25).append("f", new Decimal128(new BigDecimal("12.50"))).append("g", true).append("h", false),
                new Document("ar", "مرحباً بك 😀").append("nested", new Document("z", List.of(1, "x", new Document("k", null)))
                        .append("a", Instant.ofEpochMilli(-5))).append("empty", new Document()).append("list", List.of()),
                new Document("other", new org.bson.types.ObjectId("65a0c1d2e3f4a5b6c7d8e9f0")).append("quote", "a\"b:c,"));
        for (Map<String, Object> entry : entries) {
            assertThat(AuditHash.of(entry)).isEqualTo(firstEncoding(entry));
            assertThat(AuditHash.matches(entry, firstEncoding(entry))).isTrue();
            assertThat(AuditHash.matches(entry, "0".repeat(64))).isFalse();
        }
    }

    /** The encoding as first written (StringBuilder, then UTF-8), kept here as the reference. */
    private static String firstEncoding(Map<String, Object> entry) throws Exception {
        StringBuilder out = new StringBuilder();
        map(out, entry, true);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("n");
        } else if (value instanceof Map<?, ?> map) {
            map(out, map, false);
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            list.forEach(item -> {
                value(out, item);
                out.append(',');
            });
            out.append(']');
        } else if (value instanceof String s) {
            text(out, s);
        } else if (value instanceof Date date) {
            out.append("d").append(date.getTime());
        } else if (value instanceof Instant instant) {
            out.append("d").append(instant.toEpochMilli());
        } else if (value instanceof Integer || value instanceof Long) {
            out.append("i").append(value);
        } else if (value instanceof Double || value instanceof Decimal128) {
            out.append("f").append(value);
        } else if (value instanceof Boolean b) {
            out.append(b ? "T" : "F");
        } else {
            out.append("o");
            text(out, value.toString());
        }
    }

    private static void map(StringBuilder out, Map<?, ?> map, boolean top) {
        String[] keys = map.keySet().stream().map(String::valueOf)
                .filter(k -> !top || !k.equals("_id") && !k.equals("hash")).toArray(String[]::new);
        Arrays.sort(keys);
        out.append('{');
        for (String key : keys) {
            text(out, key);
            out.append(':');
            value(out, map.get(key));
            out.append(',');
        }
        out.append('}');
    }

    private static void text(StringBuilder out, String s) {
        out.append('"').append(s.length()).append(':').append(s).append('"');
    }
}
