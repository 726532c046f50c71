package dev.parley.store;

import com.mongodb.client.AggregateIterable;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertOneModel;
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
    public FindIterable<Document> findByKeys(Collection<String> localIds) {
        return raw.find(new Document("_id", new Document("$in", localIds.stream().map(this::key).distinct().toList())));
    }

    public FindIterable<Document> find(Bson filter) {
        return raw.find(scope(filter));
    }

    public long count(Bson filter) {
        return raw.countDocuments(scope(filter));
    }

    public AggregateIterable<Document> aggregate(List<? extends Bson> pipeline) {
        List<Bson> scoped = new ArrayList<>(pipeline.size() + 1);
        scoped.add(new Document("$match", new Document(TENANT_FIELD, tenant)));
        for (Bson stage : pipeline) {
            String operator = stage.toBsonDocument().getFirstKey();
            if (CROSS_COLLECTION_STAGES.contains(operator)) {
                throw new InvalidInputException("pipeline", operator + " is not allowed: it reaches beyond the tenant's collection");
            }
            scoped.add(stage);
        }
        return raw.aggregate(scoped);
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
        BsonDocument checked = checkUpdate(update);
        BsonDocument onInsert = checked.containsKey("$setOnInsert")
                ? checked.getDocument("$setOnInsert") : new BsonDocument();
        onInsert.put(TENANT_FIELD, new org.bson.BsonString(tenant));
        checked.put("$setOnInsert", onInsert);
        store.batcher().write(raw, List.of(new UpdateOneModel<>(new Document("_id", key(localId)), checked,
                new UpdateOptions().upsert(true))));
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
