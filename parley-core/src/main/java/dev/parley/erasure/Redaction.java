package dev.parley.erasure;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces every text that names the person, anywhere in a document (nested maps and lists, and
 * field names), with {@link ErasureSubject#ERASED}; everything else stays as it was.
 */
public final class Redaction {

    private final Markers markers;
    private int replaced;

    public Redaction(Markers markers) {
        this.markers = markers;
    }

    /** How many values were replaced so far. */
    public int replaced() {
        return replaced;
    }

    /** Whether anything inside {@code value} names the person. */
    public static boolean names(Object value, Markers markers) {
        if (value instanceof String s) {
            return markers.names(s);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (markers.names(String.valueOf(entry.getKey())) || names(entry.getValue(), markers)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (names(item, markers)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A copy of {@code doc} with every naming text replaced ({@code skip}: fields left as they are, e.g. {@code _id}). */
    public Document document(Map<String, Object> doc, List<String> skip) {
        Document out = new Document();
        int n = 0;
        for (Map.Entry<String, Object> entry : doc.entrySet()) {
            if (skip.contains(entry.getKey())) {
                out.put(entry.getKey(), entry.getValue());
                continue;
            }
            out.put(key(entry.getKey(), n++), value(entry.getValue()));
        }
        return out;
    }

    /** {@code value} with every naming text replaced. */
    public Object value(Object value) {
        if (value instanceof String s) {
            if (markers.names(s)) {
                replaced++;
                return ErasureSubject.ERASED;
            }
            return s;
        }
        if (value instanceof Map<?, ?> map) {
            Document out = new Document();
            int n = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.put(key(String.valueOf(entry.getKey()), n++), value(entry.getValue()));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(value(item)));
            return out;
        }
        return value;
    }

    private String key(String key, int position) {
        if (markers.names(key)) {
            replaced++;
            return "erased_" + position;
        }
        return key;
    }
}
