package dev.parley.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;
import java.util.Optional;

/**
 * A collection seen across tenants, for the features whose job spans them (tenant registry, API
 * key lookup). Writes still go through the durable group-commit path.
 */
public final class PlatformCollection {

    private final MongoCollection<Document> raw;
    private final MongoStore store;

    PlatformCollection(MongoCollection<Document> raw, MongoStore store) {
        this.raw = raw;
        this.store = store;
    }

    public Optional<Document> get(String id) {
        return Optional.ofNullable(raw.find(new Document("_id", id)).first());
    }

    public Find find(Bson filter) {
        return new Find(raw.find(filter));
    }

    public void insert(Document doc) {
        store.batcher().write(raw, List.of(new InsertOneModel<>(doc)));
    }

    /**
     * Inserts without waiting for durability: for a caller that makes it durable with a later
     * wait of its own (a group commit it goes through next, or {@link MongoStore#awaitDurable})
     * before it answers anyone, so one flush covers several writes.
     */
    public void insertBeforeDurableWait(Document doc) {
        raw.insertOne(doc);
    }

    /**
     * A replace of {@code doc} by its {@code _id}, inserting it when absent, to ride along with a
     * group-commit request ({@link GroupCommit#submit(Object, Companion)}): written in that
     * request's batch, durable with its flush. Writing it twice (a logged delivery applied again
     * after a crash) leaves one document.
     */
    public Companion companionReplace(Document doc) {
        return new Companion(raw, List.of(new ReplaceOneModel<>(new Document("_id", doc.get("_id")), doc,
                new ReplaceOptions().upsert(true))));
    }

    /** Inserts {@code writes} durably on their own, for a caller whose request went nowhere else. */
    public void write(Companion writes) {
        store.batcher().write(writes);
    }

    /** Updates by {@code _id} without waiting for durability (see {@link #insertBeforeDurableWait}). */
    public UpdateResult updateBeforeDurableWait(String id, Bson update) {
        return raw.updateOne(new Document("_id", id), update);
    }

    /**
     * Replaces (or creates) the document with {@code doc}'s {@code _id} without waiting for
     * durability (see {@link #insertBeforeDurableWait}); whether one was there before.
     */
    public boolean replaceBeforeDurableWait(Document doc) {
        return raw.replaceOne(new Document("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true)).getMatchedCount() > 0;
    }

    /**
     * Adds one to {@code field} of document {@code id}, creating it with {@code onInsert} when missing,
     * and returns the new value: a sequence every instance shares. Durable with the caller's next wait.
     */
    public long incrementBeforeDurableWait(String id, String field, Document onInsert) {
        Document after = raw.findOneAndUpdate(new Document("_id", id),
                new Document("$inc", new Document(field, 1L)).append("$setOnInsert", onInsert),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) after.get(field)).longValue();
    }

    public void replace(Document doc) {
        store.batcher().write(raw, List.of(new ReplaceOneModel<>(new Document("_id", doc.get("_id")), doc,
                new ReplaceOptions().upsert(true))));
    }

    public long count(Bson filter) {
        return raw.countDocuments(filter);
    }

    public long deleteMany(Bson filter) {
        long deleted = raw.deleteMany(filter).getDeletedCount();
        store.awaitDurable();
        return deleted;
    }

    public void delete(String id) {
        raw.deleteOne(new Document("_id", id));
        store.awaitDurable();
    }

    public UpdateResult update(String id, Bson update) {
        UpdateResult result = raw.updateOne(new Document("_id", id), update);
        store.awaitDurable();
        return result;
    }

    /** Updates every document {@code filter} matches, durably (platform-wide changes such as migrations). */
    public UpdateResult updateMany(Bson filter, Bson update) {
        UpdateResult result = raw.updateMany(filter, update);
        store.awaitDurable();
        return result;
    }

    /** Updates the one document {@code filter} matches, if any, durably; whether it did (e.g. taking over an expired lease). */
    public boolean updateOneWhere(Bson filter, Bson update) {
        boolean matched = raw.updateOne(filter, update).getModifiedCount() > 0;
        store.awaitDurable();
        return matched;
    }
}
