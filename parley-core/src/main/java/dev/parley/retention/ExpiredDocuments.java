package dev.parley.retention;

import dev.parley.store.Batches;
import dev.parley.store.Keys;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.List;
import java.util.function.Consumer;

/** How an owner deletes its expired documents: one pass, by key, in bounded batches. */
public final class ExpiredDocuments {

    public static final int BATCH = 1_000;

    private ExpiredDocuments() {
    }

    /**
     * Deletes the documents {@code filter} matches (or, {@code dryRun}, counts them), by key in
     * batches of {@value #BATCH}; {@code beforeDelete} (when given) sees each batch whole first,
     * e.g. to take messages out of the search index (an index entry without its message is
     * harmless, the reverse is not).
     */
    public static long delete(ScopedCollection collection, Document filter, boolean dryRun,
                              Consumer<List<Document>> beforeDelete) {
        if (dryRun) {
            return collection.count(filter);
        }
        var found = collection.find(filter).batchSize(BATCH);
        return Batches.sum(beforeDelete == null ? found.projection(new Document("_id", 1)) : found, BATCH,
                batch -> delete(collection, batch, beforeDelete));
    }

    private static long delete(ScopedCollection collection, List<Document> batch, Consumer<List<Document>> beforeDelete) {
        if (beforeDelete != null) {
            beforeDelete.accept(batch);
        }
        long deleted = collection.deleteByKeys(batch.stream().map(d -> Keys.local((String) d.get("_id"), collection.tenant())).toList());
        collection.awaitDurable();
        return deleted;
    }
}
