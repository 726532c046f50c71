package dev.parley.store;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A filter on {@code _id} plus other fields (e.g. {@code {_id: x, rev: n}}, the optimistic writes'
 * filter), answered by key. mongo-java-server takes an index only for a filter with exactly that
 * index's fields and scans the whole collection for anything more; at most one document has the
 * {@code _id}, so it is found by key and matched against the rest of the filter. A real MongoDB
 * does the same with its {@code _id} index.
 */
final class IdFirstQuery {

    private IdFirstQuery() {
    }

    /** True for a filter this answers: an equality on {@code _id} and more, no skip, no projection. */
    static boolean applies(Document query, int skip, Document fieldSelector) {
        return query.size() > 1 && isPlainValue(query.get("_id")) && skip == 0 && (fieldSelector == null || fieldSelector.isEmpty());
    }

    /** The document {@code byId} finds for the filter's {@code _id}, if it matches the whole filter. */
    static QueryResult run(Document query, Function<Document, QueryResult> byId, BiPredicate<Document, Document> matches) {
        List<Document> matched = new ArrayList<>(1);
        for (Document document : byId.apply(new Document("_id", query.get("_id")))) {
            if (matches.test(document, query)) {
                matched.add(document);
            }
        }
        return new QueryResult(matched);
    }

    /** An equality value, not an expression such as {@code {$in: [...]}}, nor an array (also {@link OrderedIndexQuery}'s test). */
    static boolean isPlainValue(Object value) {
        if (value == null || value instanceof Collection<?>) {
            return false;
        }
        return !(value instanceof Document document) || document.keySet().stream().noneMatch(key -> key.startsWith("$"));
    }
}
