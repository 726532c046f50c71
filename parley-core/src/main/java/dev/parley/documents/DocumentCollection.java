package dev.parley.documents;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.store.ScopedCollection;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.parley.audit.SystemAudit;

/**
 * A tenant's user collection (seed 001's insert/find/update/delete helpers). Ids are local to the
 * tenant: {@code "n1"} is stored as {@code acme|n1}, so no filter a tenant can write reaches
 * another tenant's documents, and lookups by id stay index lookups on every server.
 */
public final class DocumentCollection {

    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_INSERT = 1_000;

    private final ScopedCollection scoped;
    private final SystemAudit audit;

    public DocumentCollection(ScopedCollection scoped, SystemAudit audit) {
        this.scoped = scoped;
        this.audit = audit;
    }

    /** Inserts one document; returns its id. */
    public String insert(Document doc) {
        return insertAll(List.of(doc)).get(0);
    }

    /**
     * Inserts documents durably; returns their ids in order. All or nothing: every document is
     * checked, and no id may repeat or already exist, before any is written. (Only another insert
     * of the same id in the instant between that check and the write can still leave the others
     * written; the answer then is the conflict.)
     */
    public List<String> insertAll(List<Document> docs) {
        if (docs.isEmpty() || docs.size() > MAX_INSERT) {
            throw new InvalidInputException("documents", "must hold 1 to " + MAX_INSERT + " documents");
        }
        List<String> ids = new ArrayList<>(docs.size());
        List<Document> stored = new ArrayList<>(docs.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            String field = docs.size() == 1 ? "document" : "documents[" + i + "]";
            Document doc = new Document(docs.get(i));
            String id = localId(field + "._id", doc.remove("_id"));
            checkFields(field, doc);
            Integer earlier = seen.putIfAbsent(id, i);
            if (earlier != null) {
                throw new InvalidInputException(field + "._id", "repeats documents[" + earlier + "]._id " + id);
            }
            ids.add(id);
            Document record = new Document("_id", scoped.key(id)).append(ScopedCollection.TENANT_FIELD, scoped.tenant());
            record.putAll(doc);
            stored.add(record);
        }
        List<Document> existing = scoped.getAll(ids);
        if (!existing.isEmpty()) {
            throw new ConflictException("a document with _id " + toLocal(existing.get(0)).get("_id") + " already exists; nothing was inserted");
        }
        scoped.insertAll(stored);
        return ids;
    }

    public List<Document> find(Document filter, Document sort, Integer limit, Document projection) {
        Document checked = checkFilter(filter);
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        QueryGuard.check("sort", sort);
        QueryGuard.check("fields", projection);
        List<String> keys = onlyKeys(checked);
        var query = keys != null ? scoped.findByKeys(keys) : scoped.find(IdRewriter.toStored(checked, scoped));
        if (sort != null && !sort.isEmpty()) {
            query.sort(sort);
        }
        if (projection != null && !projection.isEmpty()) {
            query.projection(projection);
        }
        List<Document> found = new ArrayList<>();
        for (Document doc : query.limit(max)) {
            found.add(toLocal(doc));
        }
        return found;
    }

    public Document get(String id) {
        return scoped.get(id).map(this::toLocal).orElse(null);
    }

    /** Applies an operator update to every matching document; returns {matched, modified}. */
    public long[] update(Document filter, Document update) {
        if (update == null || update.isEmpty()) {
            throw new InvalidInputException("update", "is required");
        }
        QueryGuard.check("update", update);
        var result = scoped.updateMany(IdRewriter.toStored(checkFilter(filter), scoped), update);
        return new long[] {result.getMatchedCount(), result.getModifiedCount()};
    }

    public long delete(Document filter) {
        if (filter == null) {
            throw new InvalidInputException("filter", "is required (use {} to delete every document)");
        }
        long deleted = scoped.deleteMany(IdRewriter.toStored(checkFilter(filter), scoped)).getDeletedCount();
        if (deleted > 0) { // deletions are among the operations Parley audits
            audit.record(scoped.tenant(), new Document(SystemAudit.entry("delete", "documents", scoped.name(), null))
                    .append("changes", new Document("before", new Document("filter", filter.toJson()).append("documents", deleted))));
        }
        return deleted;
    }

    private Document checkFilter(Document filter) {
        Document checked = filter == null ? new Document() : filter;
        QueryGuard.check("filter", checked);
        return checked;
    }

    /** The local ids when the filter is exactly {_id: "x"} or {_id: {$in: [...]}}. */
    private static List<String> onlyKeys(Document filter) {
        if (filter.size() != 1 || !filter.containsKey("_id")) {
            return null;
        }
        Object id = filter.get("_id");
        if (id instanceof String s) {
            return List.of(s);
        }
        if (id instanceof Document op && op.size() == 1 && op.get("$in") instanceof Collection<?> values
                && values.stream().allMatch(String.class::isInstance)) {
            return values.stream().map(String.class::cast).toList();
        }
        return null;
    }

    private Document toLocal(Document stored) {
        Object key = stored.get("_id");
        if (key instanceof String s) {
            stored.put("_id", s.substring(scoped.tenant().length() + 1));
        }
        return stored;
    }

    private String localId(String field, Object id) {
        if (id == null) {
            return new ObjectId().toHexString();
        }
        if (id instanceof String s && !s.isEmpty() && s.length() <= 200) {
            return s;
        }
        if (id instanceof ObjectId || id instanceof Integer || id instanceof Long) {
            return id.toString();
        }
        throw new InvalidInputException(field, "must be a string of 1-200 characters, a number or an ObjectId");
    }

    private void checkFields(String field, Document doc) {
        for (Map.Entry<String, Object> entry : doc.entrySet()) {
            if (entry.getKey().startsWith("$")) {
                throw new InvalidInputException(field + "." + entry.getKey(), "field names must not start with $");
            }
        }
        Object org = doc.get(ScopedCollection.TENANT_FIELD);
        if (org != null && !scoped.tenant().equals(org)) {
            throw new InvalidInputException(field + "." + ScopedCollection.TENANT_FIELD,
                    "is set by Parley from your API key and cannot name another tenant");
        }
        doc.remove(ScopedCollection.TENANT_FIELD);
    }
}
