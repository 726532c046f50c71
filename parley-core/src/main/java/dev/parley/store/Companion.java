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
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Writes to one collection that ride along with a group-commit request (e.g. the raw webhook body
 * beside the statuses it carried): the batch writes every request's companions in one unordered
 * {@code bulkWrite} per collection, and its flush makes them durable with the rest. Obtained from
 * the collection's owner ({@link PlatformCollection#companionReplace}), so a feature that carries
 * one never reaches the collection itself.
 */
public final class Companion {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> collection;
    private final List<WriteModel<Document>> models;

    Companion(MongoCollection<Document> collection, List<WriteModel<Document>> models) {
        this.collection = collection;
        this.models = List.copyOf(models);
    }

    int size() {
        return models.size();
    }

    /**
     * Writes the companions of {@code owners}, one {@code bulkWrite} per collection; an owner whose
     * write failed (e.g. a duplicate key) is failed through {@code fail}, the others' writes stand.
     */
    static <R> void writeAll(List<R> owners, Function<R, Companion> companion, BiConsumer<R, RuntimeException> fail) {
        Map<String, List<R>> byCollection = new LinkedHashMap<>();
        for (R owner : owners) {
            byCollection.computeIfAbsent(companion.apply(owner).collection.getNamespace().getFullName(), k -> new ArrayList<>())
                    .add(owner);
        }
        byCollection.values().forEach(group -> writeGroup(group, companion, fail));
    }

    private static <R> void writeGroup(List<R> group, Function<R, Companion> companion, BiConsumer<R, RuntimeException> fail) {
        List<WriteModel<Document>> models = new ArrayList<>();
        List<R> byModel = new ArrayList<>();
        for (R owner : group) {
            for (WriteModel<Document> model : companion.apply(owner).models) {
                models.add(model);
                byModel.add(owner);
            }
        }
        try {
            companion.apply(group.get(0)).collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                fail.accept(byModel.get(error.getIndex()), error.getCode() == DUPLICATE_KEY
                        ? new ConflictException("a document with this key already exists")
                        : new StoreUnavailableException(error.getMessage(), e));
            }
            if (e.getWriteConcernError() != null) {
                group.forEach(owner -> fail.accept(owner, new StoreUnavailableException(e.getWriteConcernError().getMessage(), e)));
            }
        } catch (RuntimeException e) {
            group.forEach(owner -> fail.accept(owner, e));
        }
    }
}
