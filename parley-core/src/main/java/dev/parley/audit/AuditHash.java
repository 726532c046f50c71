package dev.parley.audit;

import org.bson.types.Decimal128;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.time.Instant;
import java.util.HashMap;

/**
 * The hash of an audit entry over a canonical encoding of every field but {@code _id} and
 * {@code hash} (so {@code seq}, {@code prev_hash}, {@code hash_alg} and the tenant are covered):
 * HMAC-SHA256 under the chain key ({@link AuditKeys}) for entries marked
 * {@code hash_alg: "hmac-sha256"}, plain SHA-256 for the unkeyed entries written before. Canonical:
 * keys sorted, every value tagged with its type, times as epoch milliseconds; the same stored
 * document hashes the same on both servers.
 *
 * <p>The encoding: a map is {@code {} then {@code key:value,} per key in sorted order, then
 * {@code }}; a list {@code [} then {@code value,} per item, then {@code ]}; text
 * {@code "<UTF-16 length>:<text>"}; {@code n} null; {@code d<millis>} a time; {@code i<n>} an
 * integer; {@code f<n>} a double or decimal; {@code T}/{@code F}; {@code o"…"} anything else, by
 * its {@code toString}. It is written straight into a byte buffer per thread, keys sorted once per
 * key set: verifying a million entries spends its time hashing, not building strings (a
 * StringBuilder version took ten times as long as SHA-256 itself).
 */
final class AuditHash {

    private AuditHash() {
    }

    private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);
    private static final HexFormat HEX = HexFormat.of();

    /** The unkeyed (legacy) hash: plain SHA-256, which anyone who can write to the database can recompute. */
    static String of(Map<String, Object> entry) {
        return HEX.formatHex(ENCODER.get().digest(entry));
    }

    /** Whether {@code entry}'s unkeyed hash is {@code storedHex} (lower-case hex, as {@link #of} writes it). */
    static boolean matches(Map<String, Object> entry, Object storedHex) {
        return sameHex(ENCODER.get().digest(entry), storedHex);
    }

    /** HMAC of the entry's encoding under {@code mac}'s key (the mac is reset after). */
    static byte[] hmac(Map<String, Object> entry, Mac mac) {
        Encoder encoder = ENCODER.get();
        encoder.encode(entry);
        mac.update(encoder.buffer, 0, encoder.length);
        return mac.doFinal();
    }

    static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }

    /** Whether {@code storedHex} is the lower-case hex of {@code digest}, without building a string. */
    static boolean sameHex(byte[] digest, Object storedHex) {
        if (!(storedHex instanceof String hex) || hex.length() != 2 * digest.length) {
            return false;
        }
        for (int i = 0; i < digest.length; i++) {
            int b = digest[i] & 0xff;
            if (hex.charAt(2 * i) != Character.forDigit(b >>> 4, 16) || hex.charAt(2 * i + 1) != Character.forDigit(b & 0xf, 16)) {
                return false;
            }
        }
        return true;
    }

    /** One thread's SHA-256, buffer and sorted key orders. */
    private static final class Encoder {

        private final MessageDigest sha256;
        private byte[] buffer = new byte[1024];
        private int length;
        /** The key sets met so far (in the order the maps listed them) and their sorted orders. */
        private final Map<KeySet, String[]> sortedKeys = new HashMap<>();

        Encoder() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }

        byte[] digest(Map<String, Object> entry) {
            encode(entry);
            sha256.update(buffer, 0, length);
            return sha256.digest();
        }

        /** The entry's canonical bytes: {@code buffer[0, length)}. */
        void encode(Map<String, Object> entry) {
            length = 0;
            writeMap(entry, true);
        }

        private void write(Object value) {
            if (value == null) {
                put('n');
            } else if (value instanceof Map<?, ?> map) {
                writeMap(map, false);
            } else if (value instanceof Collection<?> list) {
                put('[');
                for (Object item : list) {
                    write(item);
                    put(',');
                }
                put(']');
            } else if (value instanceof String s) {
                text(s);
            } else if (value instanceof Date date) {
                put('d');
                number(date.getTime());
            } else if (value instanceof Instant instant) { // how the embedded store holds a date
                put('d');
                number(instant.toEpochMilli());
            } else if (value instanceof Integer || value instanceof Long) {
                put('i');
                number(((Number) value).longValue());
            } else if (value instanceof Double || value instanceof Decimal128) {
                put('f');
                ascii(value.toString());
            } else if (value instanceof Boolean b) {
                put(b ? 'T' : 'F');
            } else {
                put('o');
                text(value.toString());
            }
        }

        /** Keys sorted (as strings); at the top level without {@code _id} and {@code hash}. */
        private void writeMap(Map<?, ?> map, boolean top) {
            String[] listed = new String[map.size()];
            int n = 0;
            for (Object key : map.keySet()) {
                String name = String.valueOf(key);
                if (!top || !name.equals("_id") && !name.equals("hash")) {
                    listed[n++] = name;
                }
            }
            String[] keys = sortedKeys.computeIfAbsent(new KeySet(Arrays.copyOf(listed, n)), set -> {
                String[] sorted = set.keys.clone();
                Arrays.sort(sorted);
                return sorted;
            });
            put('{');
            for (String key : keys) {
                text(key);
                put(':');
                write(map.get(key));
                put(',');
            }
            put('}');
            if (sortedKeys.size() > 10_000) {
                sortedKeys.clear(); // entries with ever-new keys: do not keep them all
            }
        }

        private void text(String s) {
            put('"');
            number(s.length());
            put(':');
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            if (ascii) {
                ascii(s);
            } else {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                room(utf8.length);
                System.arraycopy(utf8, 0, buffer, length, utf8.length);
                length += utf8.length;
            }
            put('"');
        }

        private void ascii(String s) {
            int n = s.length();
            room(n);
            for (int i = 0; i < n; i++) {
                buffer[length++] = (byte) s.charAt(i);
            }
        }

        private void number(long value) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            room(20);
            if (value < 0) {
                buffer[length++] = '-';
                value = -value;
            }
            int start = length;
            do {
                buffer[length++] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value > 0);
            for (int i = start, j = length - 1; i < j; i++, j--) { // digits were written backwards
                byte t = buffer[i];
                buffer[i] = buffer[j];
                buffer[j] = t;
            }
        }

        private void put(char c) {
            room(1);
            buffer[length++] = (byte) c;
        }

        private void room(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }

    /** Keys in the order a map listed them: maps of one shape share their sorted order. */
    private record KeySet(String[] keys) {

        @Override
        public boolean equals(Object other) {
            return other instanceof KeySet set && Arrays.equals(keys, set.keys);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(keys);
        }
    }
}
