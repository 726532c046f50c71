package dev.parley.store;

import org.bson.BsonBinaryReader;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A stored (mongo-java-server) document for a read in this process: as it is, read-only, when
 * every value is a plain Java type (text, numbers, booleans, null, {@link Instant}, nested
 * documents and lists of those), which costs no copy; otherwise as the driver decodes its BSON.
 */
final class PlainDocuments {

    private static final DocumentCodec CODEC = new DocumentCodec();

    private PlainDocuments() {
    }

    static Map<String, Object> of(de.bwaldvogel.mongo.bson.Document stored) {
        if (plain(stored)) {
            return Collections.unmodifiableMap(stored); // stored documents are never edited in place
        }
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(BsonDocumentType.encode(stored)))) {
            return CODEC.decode(reader, DecoderContext.builder().build());
        }
    }

    private static boolean plain(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean || value instanceof Instant) {
            return true;
        }
        if (value instanceof de.bwaldvogel.mongo.bson.Document nested) {
            for (Object item : nested.values()) {
                if (!plain(item)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!plain(item)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
