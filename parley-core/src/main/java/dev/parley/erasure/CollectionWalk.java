package dev.parley.erasure;

import dev.parley.store.Keys;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Walks all of a tenant's documents in one collection by key range: straight from the embedded H2
 * store when this process runs it, in {@code _id} order from a real MongoDB (a plain {@code find}
 * on the embedded server would gather every match in memory first), so a walk of millions of
 * documents holds one batch at a time.
 */
public final class CollectionWalk {

    private static final int BATCH = 500;
    /** Above every local key: keys are text, and no id starts with this character. */
    private static final String END = "\uffff";

    private CollectionWalk() {
    }

    /** The erasure report's proof for one collection: every document read, those naming the person counted. */
    public static PersonalDataEraser.CollectionCheck count(ScopedCollection collection, Markers markers) {
        long[] counts = new long[2];
        scan(collection, doc -> {
            counts[0]++;
            if (Redaction.names(doc, markers)) {
                counts[1]++;
            }
        });
        return new PersonalDataEraser.CollectionCheck(collection.name(), counts[0], counts[1]);
    }

    /** The documents that match {@code wanted}, read again by key (as the driver decodes them), a batch at a time. */
    public static void matching(ScopedCollection collection, Predicate<Map<String, Object>> wanted, Consumer<List<Document>> batches) {
        List<String> ids = new ArrayList<>();
        scan(collection, doc -> {
            if (wanted.test(doc) && doc.get("_id") instanceof String key && Keys.belongsTo(key, collection.tenant())) {
                ids.add(Keys.local(key, collection.tenant()));
                if (ids.size() == BATCH) {
                    batches.accept(collection.getAll(List.copyOf(ids)));
                    ids.clear();
                }
            }
        });
        if (!ids.isEmpty()) {
            batches.accept(collection.getAll(ids));
        }
    }

    private static void scan(ScopedCollection collection, Consumer<Map<String, Object>> each) {
        Iterator<? extends Map<String, Object>> docs = collection.readKeyRange("", END, 1_000);
        try {
            while (docs.hasNext()) {
                each.accept(docs.next());
            }
        } finally {
            if (docs instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // a read-only iterator: nothing to lose
                }
            }
        }
    }
}
