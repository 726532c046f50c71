package dev.parley.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a stored document's BSON as mongo-java-server's decoder does, except that field names
 * and short text values are shared: every cached page of a collection repeats the same few names
 * and many of the same short values ({@code "sent"}, {@code "inbound"}, {@code "view"}), and the
 * stock decoder gave each document its own copies, a third or more of the objects the embedded
 * store's page cache held and the garbage collector walked. Other types go to the stock decoder.
 */
final class StoredBson {

    private static final int SLOTS = 4096; // a power of two
    private static final int LONGEST_SHARED_NAME = 64;
    private static final int LONGEST_SHARED_TEXT = 24;
    /** Recently met names and texts by hash; racy on purpose: a slot holds some complete string or null, and a miss only costs a copy. */
    private static final String[] NAMES = new String[SLOTS];
    private static final String[] TEXTS = new String[SLOTS];

    private StoredBson() {
    }

    static Document document(ByteBuf buf) {
        int start = buf.readerIndex();
        int length = buf.readIntLE();
        Document doc = new Document();
        while (buf.readerIndex() - start < length) {
            byte type = buf.readByte();
            if (type == 0) {
                return doc;
            }
            String name = name(buf);
            doc.put(name, value(type, buf));
        }
        return doc;
    }

    private static List<Object> array(ByteBuf buf) {
        int start = buf.readerIndex();
        int length = buf.readIntLE();
        List<Object> items = new ArrayList<>();
        while (buf.readerIndex() - start < length) {
            byte type = buf.readByte();
            if (type == 0) {
                return items;
            }
            buf.skipBytes(buf.bytesBefore((byte) 0) + 1); // the index, "0", "1", …
            items.add(value(type, buf));
        }
        return items;
    }

    private static Object value(byte type, ByteBuf buf) {
        return switch (type) {
            case 0x02 -> text(buf);
            case 0x03 -> document(buf);
            case 0x04 -> array(buf);
            default -> BsonDecoder.decodeValue(type, buf);
        };
    }

    /** A field name (a C string), shared with earlier documents when it is short and ASCII. */
    static String name(ByteBuf buf) {
        int length = buf.bytesBefore((byte) 0);
        if (length < 0) {
            throw new IllegalArgumentException("a BSON field name without its terminating zero");
        }
        String name = shared(NAMES, buf, buf.readerIndex(), length, LONGEST_SHARED_NAME);
        buf.skipBytes(length + 1);
        return name;
    }

    /** A string value: its int32 length (with the terminating zero), its UTF-8 bytes, a zero. */
    private static String text(ByteBuf buf) {
        int length = buf.readIntLE() - 1;
        if (length < 0) {
            throw new IllegalArgumentException("a BSON string of negative length");
        }
        String text = shared(TEXTS, buf, buf.readerIndex(), length, LONGEST_SHARED_TEXT);
        buf.skipBytes(length + 1);
        return text;
    }

    /** The string of {@code length} bytes at {@code start}: the one in {@code table} when it is the same short ASCII text. */
    private static String shared(String[] table, ByteBuf buf, int start, int length, int longest) {
        int hash = 0;
        boolean ascii = length <= longest;
        for (int i = 0; i < length && ascii; i++) {
            byte b = buf.getByte(start + i);
            ascii = b > 0;
            hash = 31 * hash + b;
        }
        if (!ascii) {
            return buf.toString(start, length, StandardCharsets.UTF_8);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String known = table[slot];
        if (known != null && sameAscii(known, buf, start, length)) {
            return known;
        }
        String fresh = buf.toString(start, length, StandardCharsets.US_ASCII);
        table[slot] = fresh;
        return fresh;
    }

    private static boolean sameAscii(String name, ByteBuf buf, int start, int length) {
        if (name.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (name.charAt(i) != buf.getByte(start + i)) {
                return false;
            }
        }
        return true;
    }
}
