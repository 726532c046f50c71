package dev.parley.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of an index key whose values are all texts, dates (as the server decodes them:
 * instants), numbers, booleans or nulls:
 * a count, then a type byte and the value for each. Writing a key is what H2 does for every key
 * of every page a commit rewrites, so it must not build a BSON document per key.
 */
final class CompactKey {

    private static final byte NULL = 0;
    private static final byte TEXT = 1;
    private static final byte INSTANT = 2;
    private static final byte DOUBLE = 4;
    private static final byte LONG = 5;
    private static final byte INT = 6;
    private static final byte TRUE = 7;
    private static final byte FALSE = 8;

    private CompactKey() {
    }

    static boolean fits(KeyValue key) {
        for (Object value : key) {
            if (!(value == null || value instanceof String || value instanceof Double || value instanceof Long
                    || value instanceof Integer || value instanceof Boolean
                    || value instanceof Instant instant && instant.getNano() % 1_000_000 == 0)) {
                return false;
            }
        }
        return true;
    }

    static void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            if (value == null) {
                buffer.put(NULL);
            } else if (value instanceof String text) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                buffer.put(TEXT).putVarInt(bytes.length).put(bytes);
            } else if (value instanceof Instant instant) {
                buffer.put(INSTANT).putLong(instant.toEpochMilli());
            } else if (value instanceof Double number) {
                buffer.put(DOUBLE).putDouble(number);
            } else if (value instanceof Long number) {
                buffer.put(LONG).putLong(number);
            } else if (value instanceof Integer number) {
                buffer.put(INT).putInt(number);
            } else {
                buffer.put((Boolean) value ? TRUE : FALSE);
            }
        }
    }

    static KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte type = buffer.get();
            values.add(switch (type) {
                case NULL -> null;
                case TEXT -> {
                    byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
                    buffer.get(bytes);
                    yield new String(bytes, StandardCharsets.UTF_8);
                }
                case INSTANT -> Instant.ofEpochMilli(buffer.getLong());
                case DOUBLE -> buffer.getDouble();
                case LONG -> buffer.getLong();
                case INT -> buffer.getInt();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> throw new IllegalStateException("unknown key value type " + type);
            });
        }
        return new KeyValue(values);
    }
}
