package dev.parley.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.List;

/**
 * Group commit of plain writes: the writes gathered in one batch go out as one unordered
 * {@code bulkWrite} per collection, then one durable flush.
 */
final class WriteBatcher implements AutoCloseable {

    private static final int MAX_BATCH = 2_000;

    private final GroupCommit<Companion> commits;

    WriteBatcher(Runnable awaitDurable, long timeoutMs, boolean grouped) {
        this.commits = new GroupCommit<>("write-batcher", WriteBatcher::writeBatch, Companion::size, MAX_BATCH,
                awaitDurable, timeoutMs, grouped);
    }

    /**
     * Writes {@code models} and waits until they are acknowledged and durable. If any of them
     * fails (e.g. a duplicate key) the caller gets that error; its other models may be written,
     * which is safe because Parley's writes are keyed and idempotent.
     */
    void write(MongoCollection<Document> collection, List<WriteModel<Document>> models) {
        if (!models.isEmpty()) {
            commits.submit(new Companion(collection, models));
        }
    }

    /** Writes {@code writes} on their own, durably (for a caller that had nothing else to write them with). */
    void write(Companion writes) {
        commits.submit(writes);
    }

    private static void writeBatch(List<GroupCommit.Request<Companion>> batch) {
        Companion.writeAll(batch, GroupCommit.Request::value, GroupCommit.Request::fail);
    }

    @Override
    public void close() {
        commits.close();
    }
}
