package dev.parley.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import dev.parley.ConflictException;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Group commit of plain writes: the writes gathered in one batch go out as one unordered
 * {@code bulkWrite} per collection, then one durable flush.
 */
final class WriteBatcher implements AutoCloseable {

    private static final int MAX_BATCH = 2_000;
    private static final int DUPLICATE_KEY = 11000;

    record Pending(MongoCollection<Document> collection, List<WriteModel<Document>> models) {
    }

    private final GroupCommit<Pending> commits;

    WriteBatcher(Runnable awaitDurable, long timeoutMs, boolean grouped) {
        this.commits = new GroupCommit<>("write-batcher", WriteBatcher::writeBatch, p -> p.models.size(), MAX_BATCH,
                awaitDurable, timeoutMs, grouped);
    }

    /**
     * Writes {@code models} and waits until they are acknowledged and durable. If any of them
     * fails (e.g. a duplicate key) the caller gets that error; its other models may be written,
     * which is safe because Parley's writes are keyed and idempotent.
     */
    void write(MongoCollection<Document> collection, List<WriteModel<Document>> models) {
        if (!models.isEmpty()) {
            commits.submit(new Pending(collection, models));
        }
    }

    private static void writeBatch(List<GroupCommit.Request<Pending>> batch) {
        Map<String, List<GroupCommit.Request<Pending>>> byCollection = new LinkedHashMap<>();
        for (GroupCommit.Request<Pending> request : batch) {
            byCollection.computeIfAbsent(request.value().collection.getNamespace().getFullName(),
                    k -> new ArrayList<>()).add(request);
        }
        byCollection.values().forEach(WriteBatcher::writeGroup);
    }

    /** Writes one collection's share, failing the requests whose writes failed. */
    private static void writeGroup(List<GroupCommit.Request<Pending>> group) {
        List<WriteModel<Document>> models = new ArrayList<>();
        List<GroupCommit.Request<Pending>> owners = new ArrayList<>();
        for (GroupCommit.Request<Pending> request : group) {
            for (WriteModel<Document> model : request.value().models) {
                models.add(model);
                owners.add(request);
            }
        }
        try {
            group.get(0).value().collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                owners.get(error.getIndex()).fail(error.getCode() == DUPLICATE_KEY
                        ? new ConflictException("a document with this key already exists")
                        : new StoreUnavailableException(error.getMessage(), e));
            }
            if (e.getWriteConcernError() != null) {
                group.forEach(r -> r.fail(new StoreUnavailableException(e.getWriteConcernError().getMessage(), e)));
            }
        } catch (RuntimeException e) {
            group.forEach(r -> r.fail(e));
        }
    }

    @Override
    public void close() {
        commits.close();
    }
}
