package dev.parley.audit;

import org.bson.Document;
import org.bson.types.Decimal128;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of an audit entry: SHA-256 over a canonical encoding of every field but {@code _id}
 * and {@code hash} (so {@code seq}, {@code prev_hash} and the tenant are covered). Canonical:
 * keys sorted, every value tagged with its type, times as epoch milliseconds; the same stored
 * document hashes the same on both servers.
 */
final class AuditHash {

    private AuditHash() {
    }

    static String of(Document entry) {
        StringBuilder out = new StringBuilder(256);
        Map<String, Object> fields = new TreeMap<>(entry);
        fields.remove("_id");
        fields.remove("hash");
        write(out, fields);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(out.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("n");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            new TreeMap<>(map).forEach((key, item) -> {
                text(out, String.valueOf(key));
                out.append(':');
                write(out, item);
                out.append(',');
            });
            out.append('}');
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

    private static void text(StringBuilder out, String s) {
        out.append('"').append(s.length()).append(':').append(s).append('"');
    }
}
