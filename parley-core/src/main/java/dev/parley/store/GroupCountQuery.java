package dev.parley.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a counting aggregation from an embedded index that counts ({@link CountingIndex},
 * {@link OrderedIndex}), as MongoDB answers it from an index
 * without fetching documents: {@code $match} on {@code organization_id} (and {@code {$exists: true}}
 * on indexed fields), {@code $group} by indexed fields with a {@code {$sum: 1}}, an optional
 * {@code $sort} on the group's fields. The fields named must be the index's first ones after
 * {@code organization_id}, in any order; each group's count is read, not its documents
 * ({@link GroupCounts#countBy}), so a million documents in a few thousand groups take
 * milliseconds. Any other pipeline goes to mongo-java-server's own aggregation.
 */
final class GroupCountQuery {

    private final GroupCounts index;
    private final Object tenant;
    private final List<String> indexed;
    private final Set<String> existing;
    private final Object groupId;
    private final String countField;
    private final Document sort;

    private GroupCountQuery(GroupCounts index, Object tenant, List<String> indexed, Set<String> existing, Object groupId,
                            String countField, Document sort) {
        this.index = index;
        this.tenant = tenant;
        this.indexed = indexed;
        this.existing = existing;
        this.groupId = groupId;
        this.countField = countField;
        this.sort = sort;
    }

    /** The {@code aggregate} command's reply, or null when no ordered index of {@code collection} serves its pipeline. */
    static Document answer(Document command, MongoCollection<?> collection, String namespace) {
        return collection == null ? null : answer(command, collection.getIndexes(), namespace);
    }

    static Document answer(Document command, List<? extends Index<?>> indexes, String namespace) {
        if (!(command.get("pipeline") instanceof List<?> stages) || command.containsKey("explain")) {
            return null;
        }
        GroupCountQuery query = plan(stages, indexes);
        if (query == null) {
            return null;
        }
        Document cursor = new Document("firstBatch", query.rows()).append("id", 0L).append("ns", namespace);
        return new Document("cursor", cursor).append("ok", 1.0);
    }

    private static GroupCountQuery plan(List<?> stages, List<? extends Index<?>> indexes) {
        Document match = new Document();
        int i = 0;
        while (i < stages.size() && stages.get(i) instanceof Document stage && stage.size() == 1 && stage.get("$match") instanceof Document m) {
            m.forEach((field, condition) -> conjunct(match, field, condition));
            i++;
        }
        if (i + 1 != stages.size() && i + 2 != stages.size() || !(stages.get(i) instanceof Document group) || group.size() != 1
                || !(group.get("$group") instanceof Document spec)) {
            return null;
        }
        Document sort = null;
        if (i + 2 == stages.size()) {
            if (!(stages.get(i + 1) instanceof Document last) || last.size() != 1 || !(last.get("$sort") instanceof Document s)) {
                return null;
            }
            sort = s;
        }
        if (match.containsKey("$unserved") || sort != null && !sort.keySet().stream().allMatch(k -> k.equals("_id") || k.startsWith("_id."))) {
            return null;
        }
        Object tenant = match.remove(ScopedCollection.TENANT_FIELD);
        Set<String> existing = new HashSet<>();
        for (Map.Entry<String, Object> condition : match.entrySet()) {
            if (!(condition.getValue() instanceof Document d) || d.size() != 1 || !Boolean.TRUE.equals(d.get("$exists"))) {
                return null;
            }
            existing.add(condition.getKey());
        }
        List<String> groupFields = groupFields(spec.get("_id"));
        String countField = countField(spec);
        if (tenant == null || tenant instanceof Document || groupFields == null || countField == null) {
            return null;
        }
        Set<String> named = new HashSet<>(groupFields);
        named.addAll(existing);
        for (Index<?> candidate : indexes) {
            List<String> keys = candidate.getKeys().stream().map(IndexKey::getKey).toList();
            if (candidate instanceof GroupCounts counts && keys.size() >= named.size() + 1
                    && keys.get(0).equals(ScopedCollection.TENANT_FIELD)
                    && new HashSet<>(keys.subList(1, named.size() + 1)).equals(named)) {
                return new GroupCountQuery(counts, tenant, keys.subList(1, named.size() + 1), existing, spec.get("_id"), countField, sort);
            }
        }
        return null;
    }

    /** A {@code $match}'s condition, with {@code $and} parts lifted up; a field named twice makes the pipeline unserved. */
    private static void conjunct(Document match, String field, Object condition) {
        if (field.equals("$and") && condition instanceof Collection<?> parts) {
            parts.forEach(part -> {
                if (part instanceof Document d) {
                    d.forEach((f, c) -> conjunct(match, f, c));
                } else {
                    match.put("$unserved", part);
                }
            });
        } else if (match.containsKey(field)) {
            match.put("$unserved", condition);
        } else {
            match.put(field, condition);
        }
    }

    /** The fields {@code _id} groups by ({@code "$f"} or {@code {name: "$f", …}}), or null for anything else. */
    private static List<String> groupFields(Object id) {
        if (id instanceof String path && path.startsWith("$") && !path.contains(".")) {
            return List.of(path.substring(1));
        }
        if (!(id instanceof Document fields) || fields.isEmpty()) {
            return null;
        }
        List<String> named = new ArrayList<>();
        for (Object value : fields.values()) {
            if (!(value instanceof String path) || !path.startsWith("$") || path.contains(".")) {
                return null;
            }
            named.add(path.substring(1));
        }
        return named;
    }

    /** The one accumulator's name when it is {@code {$sum: 1}}, else null. */
    private static String countField(Document spec) {
        if (spec.size() != 2) {
            return null;
        }
        for (Map.Entry<String, Object> field : spec.entrySet()) {
            if (!field.getKey().equals("_id")) {
                return field.getValue() instanceof Document sum && sum.size() == 1 && sum.get("$sum") instanceof Number one
                        && one.doubleValue() == 1 ? field.getKey() : null;
            }
        }
        return null;
    }

    private List<Document> rows() {
        Map<Object, Long> groups = new LinkedHashMap<>();
        index.countBy(List.of(tenant), indexed.size()).forEach((values, count) -> {
            Map<String, Object> byField = new LinkedHashMap<>();
            for (int i = 0; i < indexed.size(); i++) {
                byField.put(indexed.get(i), values.get(i));
            }
            if (existing.stream().allMatch(field -> byField.get(field) != null)) {
                groups.merge(idOf(byField), count, Long::sum);
            }
        });
        List<Document> rows = new ArrayList<>(groups.size());
        groups.forEach((id, count) -> rows.add(new Document("_id", id)
                .append(countField, count <= Integer.MAX_VALUE ? (Object) count.intValue() : count)));
        if (sort != null) {
            rows.sort(order(sort));
        }
        return rows;
    }

    private Object idOf(Map<String, Object> byField) {
        if (groupId instanceof String path) {
            return byField.get(path.substring(1));
        }
        Document id = new Document();
        ((Document) groupId).forEach((name, path) -> id.append(name, byField.get(((String) path).substring(1))));
        return id;
    }

    /** {@code $sort} on {@code _id} or {@code _id.<name>} fields, in MongoDB's order of values. */
    private static Comparator<Document> order(Document sort) {
        Comparator<Document> order = (a, b) -> 0;
        for (Map.Entry<String, Object> key : sort.entrySet()) {
            String path = key.getKey();
            Comparator<Document> byKey = (a, b) -> ValueComparator.asc().compare(valueAt(a, path), valueAt(b, path));
            order = order.thenComparing(((Number) key.getValue()).intValue() < 0 ? byKey.reversed() : byKey);
        }
        return order;
    }

    private static Object valueAt(Document row, String path) {
        Object id = row.get("_id");
        if (path.equals("_id")) {
            return id;
        }
        return path.startsWith("_id.") && id instanceof Document fields ? fields.get(path.substring(4)) : null;
    }
}
