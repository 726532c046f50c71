package dev.parley.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An H2 collection whose stored documents are never changed in place.
 *
 * <p>mongo-java-server applies an update by editing the document its query returned and putting
 * it back. Returned straight from H2's map, that is the very object H2's pages hold: a commit
 * serialising the page at that moment failed with a ConcurrentModificationException under webhook
 * load (and H2 then closes the store), or could save a half-updated document; a reply being
 * written could show one too. Every query here hands out copies, so an update edits its own copy
 * and replaces the stored object as a whole.
 */
final class SnapshotH2Collection extends H2Collection {

    SnapshotH2Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                         MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
    }

    /** Set while this thread answers a plain {@code find}: nothing will edit what it returns. */
    private static final ThreadLocal<Boolean> FIND = ThreadLocal.withInitial(() -> false);

    /**
     * Runs a {@code find} command: its results go straight to the reply (stored documents are never
     * edited in place, so a reply cannot change under it) without the copies an update needs.
     */
    static <T> T answeringFind(Supplier<T> find) {
        FIND.set(true);
        try {
            return find.get();
        } finally {
            FIND.set(false);
        }
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fieldSelector) {
        if (IdFirstQuery.applies(query, skip, fieldSelector)) {
            return IdFirstQuery.run(query, byId -> copiesUnlessFind(super.queryDocuments(byId, null, 0, 0, batchSize, null)),
                    this::documentMatchesQuery);
        }
        Iterable<Object> ordered = OrderedIndexQuery.positions(query, orderBy, getIndexes());
        if (ordered != null) {
            // in the asked order already: matched lazily, so a limit ends the walk
            return copiesUnlessFind(matchDocuments(query, ordered, null, skip, limit, batchSize, fieldSelector));
        }
        return copiesUnlessFind(super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector));
    }

    private static QueryResult copiesUnlessFind(QueryResult stored) {
        if (FIND.get()) {
            return stored;
        }
        List<Document> copies = new ArrayList<>();
        for (Document document : stored) {
            copies.add(document.cloneDeeply());
        }
        // documents left in a cursor for a later getMore are the stored ones: safe, since none is ever edited
        return new QueryResult(copies, stored.getCursorId());
    }
}
