package dev.parley.store;

import org.bson.BsonBinaryReader;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A stored (mongo-java-server) document as the Java driver would decode it from the wire: the
 * common value types are converted directly (Instant → Date, nested documents and lists); a
 * document holding any other type goes through BSON, so the result is always what the driver gives.
 */
final class DriverDocuments {

    private static final DocumentCodec CODEC = new DocumentCodec();

    private DriverDocuments() {
    }

    static org.bson.Document of(de.bwaldvogel.mongo.bson.Document stored) {
        org.bson.Document converted = convert(stored);
        if (converted != null) {
            return converted;
        }
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(BsonDocumentType.encode(stored)))) {
            return CODEC.decode(reader, DecoderContext.builder().build());
        }
    }

    /** The converted document, or null when it holds a type converted only through BSON. */
    private static org.bson.Document convert(Map<String, Object> stored) {
        org.bson.Document out = new org.bson.Document();
        for (Map.Entry<String, Object> field : stored.entrySet()) {
            Object value = value(field.getValue());
            if (value == UNSUPPORTED) {
                return null;
            }
            out.put(field.getKey(), value);
        }
        return out;
    }

    private static final Object UNSUPPORTED = new Object();

    private static Object value(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof de.bwaldvogel.mongo.bson.Document nested) {
            org.bson.Document converted = convert(nested);
            return converted == null ? UNSUPPORTED : converted;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            for (Object item : list) {
                Object v = value(item);
                if (v == UNSUPPORTED) {
                    return UNSUPPORTED;
                }
                converted.add(v);
            }
            return converted;
        }
        return UNSUPPORTED;
    }
}
