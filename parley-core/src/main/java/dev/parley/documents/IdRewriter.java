package dev.parley.documents;

import dev.parley.InvalidInputException;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.types.ObjectId;

/** Turns the local ids a tenant writes in a filter ({@code "n1"}) into stored keys ({@code acme|n1}). */
final class IdRewriter {

    private static final Set<String> LOGICAL = Set.of("$and", "$or", "$nor");
    private static final Set<String> COMPARISONS = Set.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte");
    private static final Set<String> LISTS = Set.of("$in", "$nin");

    private IdRewriter() {
    }

    static Document toStored(Document filter, ScopedCollection scoped) {
        Document out = new Document();
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.equals("_id")) {
                out.put(key, idCondition(value, scoped));
            } else if (LOGICAL.contains(key) && value instanceof List<?> clauses) {
                List<Object> rewritten = new ArrayList<>();
                for (Object clause : clauses) {
                    rewritten.add(clause instanceof Document d ? toStored(d, scoped) : clause);
                }
                out.put(key, rewritten);
            } else {
                out.put(key, value);
            }
        }
        return out;
    }

    private static Object idCondition(Object value, ScopedCollection scoped) {
        if (!(value instanceof Document ops) || ops.isEmpty() || !ops.keySet().iterator().next().startsWith("$")) {
            return key(value, scoped);
        }
        Document out = new Document();
        for (Map.Entry<String, Object> op : ops.entrySet()) {
            if (COMPARISONS.contains(op.getKey())) {
                out.put(op.getKey(), key(op.getValue(), scoped));
            } else if (LISTS.contains(op.getKey()) && op.getValue() instanceof List<?> values) {
                out.put(op.getKey(), values.stream().map(v -> key(v, scoped)).toList());
            } else if (op.getKey().equals("$exists")) {
                out.put(op.getKey(), op.getValue());
            } else {
                throw new InvalidInputException("filter._id", op.getKey() + " is not supported on _id; use "
                        + "$eq, $ne, $in, $nin, $gt, $gte, $lt or $lte");
            }
        }
        return out;
    }

    private static Object key(Object id, ScopedCollection scoped) {
        if (id instanceof String || id instanceof Number || id instanceof ObjectId) {
            return scoped.key(id.toString());
        }
        throw new InvalidInputException("filter._id", "must compare with a string id");
    }
}
