package dev.parley.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import dev.parley.InvalidInputException;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Iterator;
import java.util.stream.Collectors;
import org.bson.BsonString;

/**
 * One collection seen by one tenant: the only way feature code reaches MongoDB.
 *
 * <p>Key lookups go by {@code _id} alone, with keys that start with the tenant, and check the
 * tenant of what comes back (an extra filter field would turn the embedded server's index lookup
 * into a scan). Every other query gets {@code organization_id} prepended to its filter, or as the
 * first {@code $match} of its pipeline, in a way the caller's filter cannot override.
 */
public final class ScopedCollection {

    public static final String TENANT_FIELD = "organization_id";
    private static final Set<String> CROSS_COLLECTION_STAGES =
            Set.of("$lookup", "$graphLookup", "$unionWith", "$out", "$merge", "$documents", "$currentOp",
                    "$listSessions", "$collStats", "$indexStats", "$planCacheStats");

    private final String tenant;
    private final MongoCollection<Document> raw;
    private final MongoStore store;

    ScopedCollection(String tenant, MongoCollection<Document> raw, MongoStore store) {
        this.tenant = tenant;
        this.raw = raw;
        this.store = store;
    }

    public String tenant() {
        return tenant;
    }

    public String name() {
        return raw.getNamespace().getCollectionName();
    }

    /** The stored {@code _id} of a tenant-local id. */
    public String key(String localId) {
        return Keys.of(tenant, localId);
    }

    public Optional<Document> get(String localId) {
        return Optional.ofNullable(raw.find(new Document("_id", key(localId))).first()).filter(this::ownedByTenant);
    }

    /**
     * The document whose {@code field} (unique per tenant, with a unique index on
     * {@code (organization_id, field)}) has {@code value}: the filter is exactly the index's fields,
     * so it is an index lookup on the embedded server too.
     */
    public Optional<Document> getByUniqueField(String field, Object value) {
        return Optional.ofNullable(raw.find(new Document(TENANT_FIELD, tenant).append(field, value)).first());
    }

    /**
     * Inserts {@code docs} in order, not durable by itself (for a caller inside a group commit,
     * whose flush follows); returns how many were inserted before the first duplicate key (all
     * of them: {@code docs.size()}). Any other failure is thrown.
     */
    public int insertInOrderUntilDuplicate(List<Document> docs) {
        List<Document> claimed = docs.stream().map(this::claim).toList();
        try {
            raw.insertMany(claimed, new InsertManyOptions().ordered(true));
            return docs.size();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()
                    || e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
            return e.getWriteErrors().get(0).getIndex();
        }
    }

    /**
     * Inserts {@code docs} unordered, not durable by itself (see {@link #insertInOrderUntilDuplicate});
     * returns the positions of those whose key already existed (a retried write). Any other
     * failure is thrown.
     */
    public Set<Integer> insertAllSkippingDuplicates(List<Document> docs) {
        if (docs.isEmpty()) {
            return Set.of();
        }
        List<Document> claimed = docs.stream().map(this::claim).toList();
        try {
            raw.insertMany(claimed, new InsertManyOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()
                    || e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
            return e.getWriteErrors().stream().map(BulkWriteError::getIndex)
                    .collect(Collectors.toSet());
        }
    }

    /** Documents by local id, in no particular order; ids of other tenants cannot be expressed. */
    public List<Document> getAll(Collection<String> localIds) {
        if (localIds.isEmpty()) {
            return List.of();
        }
        List<String> keys = localIds.stream().map(this::key).distinct().toList();
        List<Document> found = new ArrayList<>();
        for (Document doc : raw.find(new Document("_id", new Document("$in", keys)))) {
            if (ownedByTenant(doc)) {
                found.add(doc);
            }
        }
        return found;
    }

    /**
     * Documents by local id as a query (for sort/projection); tenant safe because every key it
     * can name starts with this tenant.
     */
    public Find findByKeys(Collection<String> localIds) {
        return new Find(raw.find(new Document("_id", new Document("$in", localIds.stream().map(this::key).distinct().toList()))));
    }

    /**
     * The tenant's documents whose local keys are in {@code [fromKey, toKey)}, in {@code _id}
     * order: read straight from the embedded H2 store when this process runs it (no query, no
     * wire: several times faster for a long read), or else as {@link #findInKeyOrder} does (so
     * callers must tolerate documents out of order). Threads can read parts of a long range in
     * parallel. Read-only maps whose values are plain Java types: text, numbers, booleans, null,
     * nested maps and lists, and times as {@link java.util.Date} or {@link java.time.Instant}; a
     * stored document holding anything else comes as the driver decodes it. An iterator that is
     * {@link AutoCloseable} must be closed when left before its end.
     */
    public Iterator<? extends Map<String, Object>> readKeyRange(String fromKey, String toKey, int batchSize) {
        return store.documentsInKeyOrder(name(), tenant + "|" + fromKey, tenant + "|" + toKey)
                .<Iterator<? extends Map<String, Object>>>map(found -> found)
                .orElseGet(() -> findInKeyOrder(new Document("_id", new Document("$gte", key(fromKey)).append("$lt", key(toKey))))
                        .batchSize(batchSize).cursor());
    }

    /**
     * The tenant's documents matching {@code filter}, in {@code _id} order where that is cheap: a
     * real MongoDB sorts with the {@code _id} index; the embedded server is left unsorted (its
     * H2 store iterates in key order, its memory store in insertion order; sorting would hold
     * every match in memory). Callers must tolerate documents out of order.
     */
    public Find findInKeyOrder(Bson filter) {
        Find found = find(filter);
        return "embedded".equals(store.mode()) ? found : found.sort(new Document("_id", 1));
    }

    /** The tenant's documents matching {@code filter}; options narrow the find, nothing can replace its filter. */
    public Find find(Bson filter) {
        return new Find(raw.find(scope(filter)));
    }

    public long count(Bson filter) {
        return raw.countDocuments(scope(filter));
    }

    /** Runs {@code pipeline} after a first {@code $match} on the tenant, which no later stage can undo. */
    public Found<Document> aggregate(List<? extends Bson> pipeline) {
        List<Bson> scoped = new ArrayList<>(pipeline.size() + 1);
        scoped.add(new Document("$match", new Document(TENANT_FIELD, tenant)));
        for (Bson stage : pipeline) {
            checkStage(stage.toBsonDocument());
            scoped.add(stage);
        }
        return new Found<>(raw.aggregate(scoped));
    }

    /** Refuses a stage that reads or writes another collection, also inside a {@code $facet}'s pipelines. */
    private static void checkStage(BsonDocument stage) {
        String operator = stage.getFirstKey();
        if (CROSS_COLLECTION_STAGES.contains(operator)) {
            throw new InvalidInputException("pipeline", operator + " is not allowed: it reaches beyond the tenant's collection");
        }
        if (operator.equals("$facet") && stage.get(operator).isDocument()) {
            for (BsonValue facet : stage.getDocument(operator).values()) {
                if (facet.isArray()) {
                    facet.asArray().stream().filter(BsonValue::isDocument).forEach(inner -> checkStage(inner.asDocument()));
                }
            }
        }
    }

    /** Inserts through the group-commit path; returns once acknowledged and durable. */
    public void insert(Document doc) {
        insertAll(List.of(doc));
    }

    public void insertAll(List<Document> docs) {
        List<WriteModel<Document>> models = new ArrayList<>(docs.size());
        for (Document doc : docs) {
            models.add(new InsertOneModel<>(claim(doc)));
        }
        store.batcher().write(raw, models);
    }

    /** Upserts the document with this local id through the group-commit path. */
    public void upsert(String localId, Bson update) {
        BsonDocument checked = withTenantOnInsert(checkUpdate(update));
        store.batcher().write(raw, List.of(new UpdateOneModel<>(new Document("_id", key(localId)), checked,
                new UpdateOptions().upsert(true))));
    }

    /**
     * Updates (or upserts) one document by local id, stamping the tenant on insert. Not durable
     * by itself: call it inside a {@link GroupCommit} handler, or follow it with awaitDurable.
     */
    public UpdateResult updateByKey(String localId, Bson update, boolean upsert) {
        return raw.updateOne(new Document("_id", key(localId)), withTenantOnInsert(checkUpdate(update)),
                new UpdateOptions().upsert(upsert));
    }

    /**
     * Updates (or upserts) several documents by local id in one round trip, stamping the tenant on
     * insert. Not durable by itself (see {@link #updateByKey}).
     */
    public void updateByKeys(Map<String, ? extends Bson> updates, boolean upsert) {
        if (updates.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> models = new ArrayList<>(updates.size());
        updates.forEach((localId, update) -> models.add(new UpdateOneModel<>(new Document("_id", key(localId)),
                withTenantOnInsert(checkUpdate(update)), new UpdateOptions().upsert(upsert))));
        raw.bulkWrite(models, new BulkWriteOptions().ordered(false));
    }

    /**
     * Replaces (or inserts) the document with this local id as a whole (tenant stamped), through the group-commit
     * path: durable when it returns. For rewrites such as an erasure's redaction.
     */
    public void replaceByKey(String localId, Document doc) {
        Document whole = new Document(doc);
        whole.put("_id", key(localId));
        store.batcher().write(raw, List.of(new ReplaceOneModel<>(new Document("_id", key(localId)), claim(whole),
                new ReplaceOptions().upsert(true))));
    }

    /** Waits until this process's writes so far are durable (see {@link MongoStore#awaitDurable}). */
    public void awaitDurable() {
        store.awaitDurable();
    }

    /** Updates one document by local id, durably; returns whether it exists. */
    public boolean update(String localId, Bson update) {
        boolean matched = updateByKey(localId, update, false).getMatchedCount() > 0;
        store.awaitDurable();
        return matched;
    }

    /**
     * Atomically applies {@code update} to one document by local id (creating it, tenant stamped,
     * when missing) and returns the {@code projection} of the document after it. Not durable by
     * itself (see {@link #updateByKey}).
     */
    public Document updateAndGet(String localId, Bson update, Bson projection) {
        return raw.findOneAndUpdate(new Document("_id", key(localId)), withTenantOnInsert(checkUpdate(update)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER).projection(projection));
    }

    /** Atomically adds {@code by} to a counter field (creating the document) and returns the new value. */
    public long incrementAndGet(String localId, String field, long by, Document onInsert) {
        BsonDocument update = new Document("$inc", new Document(field, by)).toBsonDocument();
        if (onInsert != null && !onInsert.isEmpty()) {
            update.put("$setOnInsert", onInsert.toBsonDocument());
        }
        Document after = raw.findOneAndUpdate(new Document("_id", key(localId)), withTenantOnInsert(checkUpdate(update)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) after.get(field)).longValue();
    }

    /**
     * Writes documents under optimistic concurrency without transactions: a change with
     * {@code rev == 0} inserts a new document, any other replaces the document whose {@code rev}
     * still is the one that was read (so {@code fields} must be the whole document), and bumps it.
     * Every other write to such a collection must bump {@code rev} too. The filter is
     * {@code {_id, rev}}: a lookup by {@code _id} on every server (the embedded one matches the
     * {@code rev} on the document it found by key, {@link SnapshotH2Collection}), so no index on
     * {@code rev} has to change with every write. Returns true when every change applied; false means
     * some lost a race (or hit a duplicate) and the caller must re-read and retry those.
     * Not durable by itself (see {@link #updateByKey}).
     */
    public boolean writeVersioned(String keyField, List<VersionedChange> changes) {
        if (changes.isEmpty()) {
            return true;
        }
        List<WriteModel<Document>> models = new ArrayList<>(changes.size());
        for (VersionedChange change : changes) {
            Document doc = new Document(change.fields()).append(keyField, change.localId()).append("rev", change.rev() + 1);
            doc.put("_id", key(change.localId()));
            if (change.rev() == 0) {
                models.add(new InsertOneModel<>(claim(doc)));
            } else {
                // a replacement, not a $set of every field: 5x cheaper on the embedded server
                models.add(new ReplaceOneModel<>(new Document("_id", doc.get("_id")).append("rev", change.rev()), claim(doc)));
            }
        }
        try {
            var result = raw.bulkWrite(models, new BulkWriteOptions().ordered(false));
            return result.getInsertedCount() + result.getMatchedCount() == changes.size();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null
                    || e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
            return false;
        }
    }

    /** A document's new fields, and the {@code rev} they were computed from (0 for a new document). */
    public record VersionedChange(String localId, long rev, Document fields) {
    }

    private BsonDocument withTenantOnInsert(BsonDocument update) {
        BsonDocument onInsert = update.containsKey("$setOnInsert") ? update.getDocument("$setOnInsert") : new BsonDocument();
        onInsert.put(TENANT_FIELD, new BsonString(tenant));
        update.put("$setOnInsert", onInsert);
        return update;
    }

    public UpdateResult updateMany(Bson filter, Bson update) {
        UpdateResult result = raw.updateMany(scope(filter), checkUpdate(update));
        store.awaitDurable();
        return result;
    }

    public DeleteResult deleteMany(Bson filter) {
        DeleteResult result = raw.deleteMany(scope(filter));
        store.awaitDurable();
        return result;
    }

    /**
     * Deletes documents by local id, 1,000 keys per round trip (so no command nears MongoDB's 16 MB
     * limit): an index lookup on every server, and tenant safe because every key it can name starts
     * with this tenant. Not durable by itself.
     */
    public long deleteByKeys(Collection<String> localIds) {
        List<String> keys = localIds.stream().map(this::key).distinct().toList();
        long deleted = 0;
        for (int from = 0; from < keys.size(); from += 1_000) {
            deleted += raw.deleteMany(new Document("_id", new Document("$in", keys.subList(from, Math.min(keys.size(), from + 1_000)))))
                    .getDeletedCount();
        }
        return deleted;
    }

    private boolean ownedByTenant(Document doc) {
        return tenant.equals(doc.get(TENANT_FIELD)) && Keys.belongsTo(doc.get("_id"), tenant);
    }

    private Document scope(Bson filter) {
        Document scoped = new Document(TENANT_FIELD, tenant);
        BsonDocument given = filter == null ? new BsonDocument() : filter.toBsonDocument();
        if (!given.isEmpty()) {
            scoped.append("$and", List.of(given));
        }
        return scoped;
    }

    /** Stamps the tenant on a document about to be inserted and checks its key. */
    private Document claim(Document doc) {
        Object id = doc.get("_id");
        if (id == null) {
            doc.put("_id", key(new ObjectId().toHexString()));
        } else if (!Keys.belongsTo(id, tenant)) {
            throw new IllegalArgumentException("_id " + id + " is not a key of tenant " + tenant);
        }
        doc.put(TENANT_FIELD, tenant);
        return doc;
    }

    private BsonDocument checkUpdate(Bson update) {
        BsonDocument doc = update.toBsonDocument().clone();
        if (doc.isEmpty()) {
            throw new InvalidInputException("update", "must not be empty");
        }
        for (Map.Entry<String, BsonValue> op : doc.entrySet()) {
            if (!op.getKey().startsWith("$") || !op.getValue().isDocument()) {
                throw new InvalidInputException("update", "must use update operators such as $set, not a replacement document");
            }
            for (String field : op.getValue().asDocument().keySet()) {
                String root = field.split("\\.", 2)[0];
                if (root.equals(TENANT_FIELD) || root.equals("_id")) {
                    throw new InvalidInputException("update." + op.getKey() + "." + field, "cannot be changed");
                }
            }
        }
        return doc;
    }
}
