package dev.parley.store;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Creates declared indexes idempotently, as seed 000's {@code init_mongodb} does: one outcome per
 * index, and a conflicting existing index is reported, never a crash.
 */
public final class IndexInitializer {

    public enum Status { CREATED, PRESENT, CONFLICT, FAILED }

    public record Outcome(IndexSpec spec, Status status, String message) {

        public String line() {
            String mark = switch (status) {
                case CREATED -> "created      ";
                case PRESENT -> "already there";
                case CONFLICT -> "WARNING conflicting options";
                case FAILED -> "WARNING failed";
            };
            return mark + "  " + spec.describe() + (message == null ? "" : "  (" + message + ")");
        }
    }

    private final MongoStore store;

    IndexInitializer(MongoStore store) {
        this.store = store;
    }

    public List<Outcome> ensure(List<IndexSpec> specs) {
        List<Outcome> outcomes = new ArrayList<>();
        for (IndexSpec spec : specs) {
            outcomes.add(ensure(spec));
        }
        return outcomes;
    }

    /** Drops index {@code name} of {@code collection} if it is there; whether it was. */
    public boolean drop(String collection, String name) {
        MongoCollection<Document> indexed = store.collection(collection);
        for (Document existing : indexed.listIndexes()) {
            if (name.equals(existing.getString("name"))) {
                indexed.dropIndex(name);
                return true;
            }
        }
        return false;
    }

    private Outcome ensure(IndexSpec spec) {
        MongoCollection<Document> collection = store.collection(spec.collection());
        try {
            for (Document existing : collection.listIndexes()) {
                boolean sameName = spec.name().equals(existing.getString("name"));
                boolean sameKeys = spec.keys().equals(existing.get("key", Document.class));
                if (sameName || sameKeys) {
                    String difference = difference(spec, existing);
                    return difference == null
                            ? new Outcome(spec, Status.PRESENT, sameName ? null : "as " + existing.getString("name"))
                            : new Outcome(spec, Status.CONFLICT, "existing index " + existing.getString("name")
                            + " differs: " + difference + "; drop it to let Parley recreate it");
                }
            }
            collection.createIndex(spec.keys(), options(spec));
            return new Outcome(spec, Status.CREATED, store.mode().equals("embedded") && !spec.unique() && !OrderedIndex.builds(spec.name())
                    && !CountingIndex.builds(spec.name())
                    ? "the embedded server records this non-unique index without building it" : null);
        } catch (MongoException e) {
            return new Outcome(spec, e.getCode() == 85 || e.getCode() == 86 ? Status.CONFLICT : Status.FAILED,
                    e.getMessage());
        }
    }

    private static String difference(IndexSpec spec, Document existing) {
        if (!spec.keys().equals(existing.get("key", Document.class))) {
            return "keys " + existing.get("key", Document.class).toJson();
        }
        if (spec.unique() != existing.getBoolean("unique", false)) {
            return "unique=" + existing.getBoolean("unique", false);
        }
        if (spec.sparse() != existing.getBoolean("sparse", false)) {
            return "sparse=" + existing.getBoolean("sparse", false);
        }
        Number ttl = existing.get("expireAfterSeconds", Number.class);
        Long expected = spec.ttl() == null ? null : spec.ttl().toSeconds();
        if (!Objects.equals(expected, ttl == null ? null : ttl.longValue())) {
            return "expireAfterSeconds=" + ttl;
        }
        return null;
    }

    private static IndexOptions options(IndexSpec spec) {
        IndexOptions options = new IndexOptions().name(spec.name()).unique(spec.unique()).sparse(spec.sparse());
        if (spec.partialFilter() != null) {
            options.partialFilterExpression(spec.partialFilter());
        }
        if (spec.ttl() != null) {
            options.expireAfter(spec.ttl().toSeconds(), TimeUnit.SECONDS);
        }
        return options;
    }
}
