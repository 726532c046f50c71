package dev.parley.documents;

import dev.parley.InvalidInputException;
import org.bson.BsonDbPointer;
import org.bson.BsonRegularExpression;
import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.CodeWithScope;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.bson.types.Symbol;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a parsed document must be for BSON and MongoDB to take it whole: field names without NUL
 * (BSON writes them NUL-terminated; the driver would fail mid-write) and within the name length,
 * strings that are valid Unicode (no lone surrogates, which have no UTF-8 form), finite numbers
 * ({@code 1e400} parses as Infinity; NaN and Infinity literals too), no deprecated BSON types the
 * embedded server cannot even decode (symbol, DBPointer, code with scope: it drops the connection),
 * and a size within
 * {@link JsonLimits#maxDocumentBytes()}. Refusals name the field by its path.
 */
final class StorableValues {

    private final JsonLimits limits;
    private final boolean operators;

    private StorableValues(JsonLimits limits, boolean operators) {
        this.limits = limits;
        this.operators = operators;
    }

    /**
     * Checks {@code doc}, named {@code field}; the depth is already bounded by {@link JsonTextScanner}.
     * Unless {@code operators} (a filter, an update), names starting with $ are refused at any
     * depth: Extended JSON's are already values by now, and any left would be read as operators
     * by the updates that store and later change the data.
     */
    static void check(String field, Map<String, ?> doc, JsonLimits limits, boolean operators) {
        long size = new StorableValues(limits, operators).document(field, doc);
        if (size > limits.maxDocumentBytes()) {
            throw new InvalidInputException(field, "is " + size + " bytes as BSON; at most " + limits.maxDocumentBytes()
                    + " bytes can be stored in one document");
        }
    }

    /** The document's approximate BSON size. */
    private long document(String path, Map<String, ?> doc) {
        long size = 5;
        for (Map.Entry<String, ?> entry : doc.entrySet()) {
            String name = entry.getKey();
            if (name.indexOf('\0') >= 0) {
                throw new InvalidInputException(path + "." + name.replace("\0", "\\u0000"),
                        "field names must not contain the NUL character (\\u0000)");
            }
            if (!operators && name.startsWith("$")) {
                throw new InvalidInputException(path + "." + name, "field names must not start with $ (MongoDB reads them as operators)");
            }
            if (name.length() > limits.maxNameLength()) {
                throw new InvalidInputException(path, "field names must be at most " + limits.maxNameLength() + " characters");
            }
            unicode(path, name, name);
            size += 2 + utf8Length(name) + value(path, name, entry.getValue());
        }
        return size;
    }

    private long array(String path, List<?> list) {
        long size = 5;
        for (int i = 0; i < list.size(); i++) {
            size += 2 + digits(i) + value(path, i, list.get(i));
        }
        return size;
    }

    /** The size of one value at {@code parent} + {@code step} (a field name or an index); paths are built only when needed. */
    @SuppressWarnings("unchecked")
    private long value(String parent, Object step, Object value) {
        if (value instanceof Map<?, ?> map) {
            return document(path(parent, step), (Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            return array(path(parent, step), list);
        }
        if (value instanceof String s) {
            unicode(parent, step, s);
            return 5 + utf8Length(s);
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            throw new InvalidInputException(path(parent, step),
                    "must be a finite number: JSON numbers beyond ±1.8e308, NaN and Infinity are refused");
        }
        if (value instanceof Decimal128 d && (d.isNaN() || d.isInfinite())) {
            throw new InvalidInputException(path(parent, step), "must be a finite number: NaN and Infinity are refused");
        }
        if (value instanceof BsonRegularExpression regex) {
            if (regex.getPattern().indexOf('\0') >= 0 || regex.getOptions().indexOf('\0') >= 0) {
                throw new InvalidInputException(path(parent, step), "a regular expression must not contain the NUL character (\\u0000)");
            }
            return 2 + utf8Length(regex.getPattern()) + regex.getOptions().length();
        }
        if (value instanceof Symbol || value instanceof BsonDbPointer || value instanceof CodeWithScope) {
            throw new InvalidInputException(path(parent, step),
                    "uses a deprecated BSON type ($symbol, $dbPointer, $code with $scope); use a string");
        }
        if (value instanceof Binary binary) {
            return 5 + binary.length();
        }
        if (value instanceof Code code) {
            return 5 + utf8Length(code.getCode());
        }
        if (value instanceof Integer) {
            return 4;
        }
        if (value instanceof UUID) {
            return 21;
        }
        if (value instanceof Boolean) {
            return 1;
        }
        if (value == null || value instanceof MinKey || value instanceof MaxKey) {
            return 0;
        }
        return value instanceof ObjectId ? 12 : value instanceof Decimal128 ? 16 : 8; // 8: long, double, date, timestamp
    }

    private static String path(String parent, Object step) {
        return step instanceof Integer i ? parent + "[" + i + "]" : parent + "." + step;
    }

    private static void unicode(String parent, Object step, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(path(parent, step), "is not valid Unicode: it has a lone surrogate (\\u"
                        + Integer.toHexString(c) + ")");
            }
        }
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3; // a pair: 4 bytes for 2 chars
        }
        return bytes;
    }

    private static int digits(int i) {
        return i < 10 ? 1 : (int) Math.log10(i) + 1;
    }
}
