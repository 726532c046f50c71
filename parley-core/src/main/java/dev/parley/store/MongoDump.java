package dev.parley.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import dev.parley.InvalidInputException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.bson.BsonBinaryReader;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

/**
 * Reads and writes mongodump's directory layout: {@code <dir>/<database>/<collection>.bson} (the
 * documents' BSON, one after another) and {@code <collection>.metadata.json} (the indexes), each
 * gzipped with {@code .gz} when asked, so the official {@code mongorestore} takes what Parley
 * dumps and Parley takes what {@code mongodump} wrote. Documents are streamed, never held whole.
 */
public final class MongoDump {

    /**
     * Dumped first: the counters (audit chain heads, event stream heads) before what they count,
     * then messages before the conversations and history pages that list them, so a dump taken
     * while writes go on restores without a counted entry missing or a message without its
     * conversation (what was written meanwhile is either wholly in or simply newer).
     */
    private static final List<String> FIRST = List.of("audit_heads", "aggregates", "messages", "events", "audit_logs");
    private static final int BATCH = 1_000;
    private static final DocumentCodec CODEC = new DocumentCodec();

    private final MongoDatabase database;
    private final MongoStore store;

    MongoDump(MongoDatabase database, MongoStore store) {
        this.database = database;
        this.store = store;
    }

    /** The collections in dump order. */
    List<String> dumpOrder(Set<String> only) {
        List<String> names = new ArrayList<>(store.collectionNames());
        names.removeIf(name -> only != null && !only.isEmpty() && !only.contains(name));
        List<String> first = FIRST.stream().map(store.config()::collectionName).toList(); // as stored, when renamed
        names.sort(Comparator.comparingInt((String name) -> first.contains(name) ? first.indexOf(name) : first.size())
                .thenComparing(Comparator.naturalOrder()));
        return names;
    }

    /** Dumps each collection (a tenant's documents only when {@code tenant} is set); returns documents written per collection. */
    public List<Document> dump(Path out, String tenant, Set<String> only, boolean gzip, BiConsumer<String, Long> progress) {
        Path dir = out.resolve(database.getName());
        List<Document> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (String name : dumpOrder(only)) {
                MongoCollection<RawBsonDocument> raw = database.getCollection(name, RawBsonDocument.class);
                Document filter = tenant == null ? new Document() : new Document(ScopedCollection.TENANT_FIELD, tenant);
                long count = 0;
                try (OutputStream bson = open(dir.resolve(name + ".bson" + (gzip ? ".gz" : "")), gzip)) {
                    for (RawBsonDocument doc : raw.find(filter).batchSize(BATCH)) {
                        ByteBuffer bytes = doc.getByteBuffer().asNIO();
                        byte[] copy = new byte[bytes.remaining()];
                        bytes.get(copy);
                        bson.write(copy);
                        if (++count % BATCH == 0) {
                            progress.accept(name, count);
                        }
                    }
                }
                try (OutputStream meta = open(dir.resolve(name + ".metadata.json" + (gzip ? ".gz" : "")), gzip)) {
                    List<Document> indexes = database.getCollection(name).listIndexes().into(new ArrayList<>());
                    indexes.forEach(index -> index.remove("ns"));
                    meta.write(new Document("indexes", indexes).append("collectionName", name).append("type", "collection")
                            .toJson(JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build()).getBytes(StandardCharsets.UTF_8));
                }
                progress.accept(name, count);
                written.add(new Document("collection", name).append("documents", count));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the backup: " + e.getMessage(), e);
        }
        return written;
    }

    /**
     * Restores every {@code .bson[.gz]} of {@code dir} (the dump's database directory, or a
     * directory holding one): its indexes first, then its documents, a thousand per insert.
     * {@code keep} picks documents (a tenant's), {@code rewrite} changes them (into another
     * tenant), {@code drop} deletes what {@code dropFilter} matches first, except in the collections
     * {@code neverDropped} names (logs that must keep the union of what is there and what the
     * backup holds). Documents already there are left alone and counted as skipped. Returns per
     * collection what was inserted and skipped.
     */
    public List<Document> restore(Path dir, Predicate<Document> keep, UnaryOperator<Document> rewrite,
                                  Document dropFilter, BiConsumer<String, Long> progress, Set<String> skip, Set<String> neverDropped) {
        Path source = databaseDirectory(dir);
        List<Document> restored = new ArrayList<>();
        try (var files = Files.list(source)) {
            List<Path> dumps = files.filter(f -> f.getFileName().toString().matches(".+\\.bson(\\.gz)?")).sorted().toList();
            for (Path file : dumps) {
                String name = file.getFileName().toString().replaceFirst("\\.bson(\\.gz)?$", "");
                if (skip.contains(name)) {
                    restored.add(new Document("collection", name).append("inserted", 0L).append("skipped", 0L)
                            .append("note", "not restored into another tenant"));
                    continue;
                }
                createIndexes(source, name);
                MongoCollection<Document> collection = database.getCollection(name);
                if (dropFilter != null && !neverDropped.contains(name)) {
                    collection.deleteMany(dropFilter);
                }
                long[] counts = new long[2];
                List<Document> batch = new ArrayList<>(BATCH);
                try (InputStream in = read(file)) {
                    for (RawBsonDocument raw = next(in); raw != null; raw = next(in)) {
                        Document doc = decode(raw);
                        if (keep.test(doc)) {
                            batch.add(rewrite.apply(doc));
                            if (batch.size() == BATCH) {
                                insert(collection, batch, counts);
                                progress.accept(name, counts[0] + counts[1]);
                            }
                        }
                    }
                }
                insert(collection, batch, counts);
                progress.accept(name, counts[0] + counts[1]);
                restored.add(new Document("collection", name).append("inserted", counts[0]).append("skipped", counts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the backup: " + e.getMessage(), e);
        }
        store.awaitDurable();
        return restored;
    }

    /** Every document of one collection of the backup in {@code dir}, streamed (none when the backup has no such file). */
    public void read(Path dir, String collection, Consumer<Document> each) {
        Path source = databaseDirectory(dir);
        Path file = Files.exists(source.resolve(collection + ".bson")) ? source.resolve(collection + ".bson")
                : source.resolve(collection + ".bson.gz");
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = read(file)) {
            for (RawBsonDocument raw = next(in); raw != null; raw = next(in)) {
                each.accept(decode(raw));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the backup: " + e.getMessage(), e);
        }
    }

    private static Document decode(RawBsonDocument raw) {
        return CODEC.decode(new BsonBinaryReader(raw.getByteBuffer().asNIO()), DecoderContext.builder().build());
    }

    private static void insert(MongoCollection<Document> collection, List<Document> batch, long[] counts) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(batch, new InsertManyOptions().ordered(false));
            counts[0] += batch.size();
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream().allMatch(error -> error.getCode() == 11000);
            if (!onlyDuplicates) {
                throw e;
            }
            counts[1] += e.getWriteErrors().size();
            counts[0] += batch.size() - e.getWriteErrors().size();
        }
        batch.clear();
    }

    private void createIndexes(Path source, String name) throws IOException {
        Path meta = source.resolve(name + ".metadata.json");
        Path gz = source.resolve(name + ".metadata.json.gz");
        Path file = Files.exists(meta) ? meta : Files.exists(gz) ? gz : null;
        if (file == null) {
            return;
        }
        Document metadata;
        try (InputStream in = read(file)) {
            metadata = Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        for (Document index : metadata.getList("indexes", Document.class, List.of())) {
            if ("_id_".equals(index.getString("name"))) {
                continue;
            }
            IndexOptions options = new IndexOptions().name(index.getString("name")).unique(index.getBoolean("unique", false))
                    .sparse(index.getBoolean("sparse", false));
            if (index.get("partialFilterExpression") instanceof Document partial) {
                options.partialFilterExpression(partial);
            }
            if (index.get("expireAfterSeconds") instanceof Number seconds) {
                options.expireAfter(seconds.longValue(), TimeUnit.SECONDS);
            }
            database.getCollection(name).createIndex(index.get("key", Document.class), options);
        }
    }

    /** The directory that holds the {@code .bson} files: {@code dir} itself, or its one subdirectory (a database). */
    private Path databaseDirectory(Path dir) {
        try (var entries = Files.list(dir)) {
            List<Path> all = entries.toList();
            if (all.stream().anyMatch(p -> p.getFileName().toString().matches(".+\\.bson(\\.gz)?"))) {
                return dir;
            }
            Path own = dir.resolve(database.getName());
            if (Files.isDirectory(own)) {
                return own;
            }
            List<Path> directories = all.stream().filter(Files::isDirectory).toList();
            if (directories.size() == 1) {
                return directories.get(0);
            }
            throw new InvalidInputException("dir", "holds no .bson files and no single database directory: " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static RawBsonDocument next(InputStream in) throws IOException {
        byte[] length = in.readNBytes(4);
        if (length.length == 0) {
            return null;
        }
        if (length.length < 4) {
            throw new EOFException("a .bson file ends inside a document");
        }
        int size = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] bytes = new byte[size];
        System.arraycopy(length, 0, bytes, 0, 4);
        int read = in.readNBytes(bytes, 4, size - 4);
        if (read < size - 4) {
            throw new EOFException("a .bson file ends inside a document");
        }
        return new RawBsonDocument(bytes);
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return gzip ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    private static InputStream read(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
