package dev.parley.monitoring;

import com.mongodb.MongoException;
import dev.parley.store.MongoStore;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Seed 000's monitoring as one report: per collection its documents, data and storage size,
 * indexes and their size, and documents per tenant; the server (mode, versions, uptime). What
 * {@code collStats} does not answer (the embedded server has no storage or index sizes) is left
 * null and said so, never made up; documents per tenant are counted from a projection of
 * {@code organization_id}, so this reads every collection once: an operator's command, not a
 * dashboard's poll.
 */
public final class StoreStats {

    public static final String VERSION = "0.1.0";
    private static final int SAMPLE = 200;

    private final MongoStore store;
    private final Instant started;

    public StoreStats(MongoStore store, Instant started) {
        this.store = store;
        this.started = started;
    }

    public Document collect(Instant now) {
        List<Document> collections = new ArrayList<>();
        long documents = 0;
        long bytes = 0;
        for (String name : new TreeSet<>(store.collectionNames())) {
            Document row = collection(name);
            documents += ((Number) row.get("documents")).longValue();
            bytes += ((Number) row.get("data_size_bytes")).longValue();
            collections.add(row);
        }
        return new Document("server", server(now)).append("totals", new Document("collections", collections.size())
                .append("documents", documents).append("data_size_bytes", bytes)).append("collections", collections);
    }

    private Document server(Instant now) {
        String mongoVersion;
        try {
            mongoVersion = store.runCommand(new Document("buildInfo", 1)).getString("version");
        } catch (MongoException e) {
            mongoVersion = null;
        }
        return new Document("parley_version", VERSION).append("mode", store.mode()).append("detail", store.modeDetail())
                .append("database", store.databaseName()).append("mongodb_version", mongoVersion)
                .append("uptime_seconds", Duration.between(started, now).toSeconds()).append("generated_at", now.toString());
    }

    private Document collection(String name) {
        Document stats = store.runCommand(new Document("collStats", name));
        long count = number(stats.get("count"));
        long size = number(stats.get("size"));
        Number storage = positive(stats.get("storageSize"));
        Number indexBytes = positive(stats.get("totalIndexSize"));
        Document sizes = stats.get("indexSizes", Document.class);
        boolean estimated = storage == null || indexBytes == null;
        List<Document> sample = estimated ? store.sample(name, SAMPLE) : List.of();
        List<Document> indexes = new ArrayList<>();
        long estimatedIndexes = 0;
        for (Document index : store.indexesOf(name)) {
            String indexName = index.getString("name");
            Number bytes = sizes == null ? null : positive(sizes.get(indexName));
            if (bytes == null && estimated) {
                bytes = count * (16 + averageKeyBytes(sample, index.get("key", Document.class)));
                estimatedIndexes += bytes.longValue();
            }
            indexes.add(new Document("name", indexName).append("key", index.get("key")).append("unique", index.getBoolean("unique", false))
                    .append("size_bytes", bytes));
        }
        Document row = new Document("collection", name).append("documents", count).append("data_size_bytes", size)
                .append("average_document_bytes", count == 0 ? 0 : size / count)
                .append("storage_size_bytes", storage != null ? storage : size)
                .append("index_count", indexes.size())
                .append("index_size_bytes", indexBytes != null ? indexBytes : estimatedIndexes).append("indexes", indexes)
                .append("documents_per_tenant", new Document(store.documentsPerTenant(name)));
        if (estimated) {
            row.append("estimated", true).append("note", "collStats gives no storage or index sizes here (the embedded server):"
                    + " storage is the documents' BSON size, index sizes are keys sampled from " + sample.size() + " documents");
        }
        return row;
    }

    /** The average BSON size of an index's key fields over the sample. */
    private static long averageKeyBytes(List<Document> sample, Document key) {
        if (sample.isEmpty() || key == null) {
            return 0;
        }
        long total = 0;
        for (Document doc : sample) {
            Document fields = new Document();
            key.keySet().forEach(field -> fields.append(field.replace('.', '_'), valueAt(doc, field)));
            total += fields.toBsonDocument().toString().length(); // close to the BSON size for keys of text and numbers
        }
        return total / sample.size();
    }

    private static Object valueAt(Document doc, String path) {
        Object value = doc;
        for (String part : path.split("\\.")) {
            value = value instanceof Document d ? d.get(part) : null;
        }
        return value;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static Number positive(Object value) {
        return value instanceof Number n && n.doubleValue() > 0 ? n.longValue() : null;
    }
}
