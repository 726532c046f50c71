package dev.parley.documents;

import org.bson.Document;

import java.util.Map;

/**
 * RFC 7396 JSON Merge Patch on documents: an object in the patch merges into the target's object
 * of that name, {@code null} removes a name, anything else (arrays included) replaces the value.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /** The target with the patch applied (neither argument is changed); null when the patch is null. */
    public static Document apply(Document target, Document patch) {
        if (patch == null) {
            return null;
        }
        Document result = target == null ? new Document() : new Document(target);
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            Object value = entry.getValue();
            if (value == null) {
                result.remove(entry.getKey());
            } else if (value instanceof Document nested) {
                result.put(entry.getKey(), apply(result.get(entry.getKey()) instanceof Document existing ? existing : null, nested));
            } else {
                result.put(entry.getKey(), value);
            }
        }
        return result;
    }
}
