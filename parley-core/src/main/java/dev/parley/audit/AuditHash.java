package dev.parley.audit;

import org.bson.types.Decimal128;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash of an audit entry: SHA-256 over a canonical encoding of every field but {@code _id}
 * and {@code hash} (so {@code seq}, {@code prev_hash} and the tenant are covered). Canonical:
 * keys sorted, every value tagged with its type, times as epoch milliseconds; the same stored
 * document hashes the same on both servers.
 */
final class AuditHash {

    private AuditHash() {
    }

    /** One digest per thread: verification hashes a million entries, in parallel. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    static String of(Map<String, Object> entry) {
        StringBuilder out = new StringBuilder(512);
        writeMap(out, entry, true);
        return HexFormat.of().formatHex(SHA256.get().digest(out.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("n");
        } else if (value instanceof Map<?, ?> map) {
            writeMap(out, map, false);
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            list.forEach(item -> {
                write(out, item);
                out.append(',');
            });
            out.append(']');
        } else if (value instanceof String s) {
            text(out, s);
        } else if (value instanceof Date date) {
            out.append("d").append(date.getTime());
        } else if (value instanceof java.time.Instant instant) { // how the embedded store holds a date
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

    /** Keys sorted (as strings); at the top level without {@code _id} and {@code hash}. */
    private static void writeMap(StringBuilder out, Map<?, ?> map, boolean top) {
        String[] keys = new String[map.size()];
        int n = 0;
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (!top || !name.equals("_id") && !name.equals("hash")) {
                keys[n++] = name;
            }
        }
        java.util.Arrays.sort(keys, 0, n);
        out.append('{');
        for (int i = 0; i < n; i++) {
            text(out, keys[i]);
            out.append(':');
            write(out, map.get(keys[i]));
            out.append(',');
        }
        out.append('}');
    }

    private static void text(StringBuilder out, String s) {
        out.append('"').append(s.length()).append(':').append(s).append('"');
    }
}
