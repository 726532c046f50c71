package dev.parley.imports;

import dev.parley.InvalidInputException;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.function.IntConsumer;
import dev.parley.store.IndexInitializer;
import dev.parley.store.MongoStore;
import java.util.List;

/**
 * A tenant's imports: an upload is streamed to a file under {@code <data dir>/imports} (never held
 * in memory), fingerprinted (SHA-256) on the way, recorded as seed 003 upload metadata and run in
 * the background ({@link #submit}) or right away ({@link #run}, for the CLI). The same bytes
 * uploaded again return the earlier upload unless {@code force}.
 */
public final class Imports {

    public static final long MAX_BYTES = 1L << 30;

    private final ImportTarget target;
    private final PayloadImporter payloads;
    private final ImportJobs jobs;
    private final UploadMetadata uploads;
    private final ZoneId zone;
    private final Path directory;

    private final MongoStore store;

    /** The imports of the tenant whose {@code uploads} these are, written into {@code target}; webhook payloads in an upload go to {@code payloads}. */
    public Imports(ScopedCollection uploads, ImportTarget target, PayloadImporter payloads, ImportJobs jobs,
                   MongoStore store, ZoneId zone) {
        this.target = target;
        this.payloads = payloads;
        this.store = store;
        Path dataDir = store.config().dataDir();
        this.jobs = jobs;
        this.uploads = new UploadMetadata(uploads);
        this.zone = zone;
        this.directory = dataDir.resolve("imports");
    }

    /** The upload metadata (seed 003's routes). */
    public UploadMetadata metadata() {
        return uploads;
    }

    /** Seed 003's {@code initialize-metadata-indexes}: one line per index (created, already there, conflicting). */
    public List<String> initializeIndexes() {
        return store.indexes().ensure(UploadMetadata.indexes()).stream().map(IndexInitializer.Outcome::line).toList();
    }

    /** What {@link #submit} and {@link #run} answer: the upload, and whether it is an earlier one. */
    public record Accepted(Document upload, boolean duplicate) {
    }

    /** Saves {@code body} and queues the job; returns at once. */
    public Accepted submit(InputStream body, ImportRequest request) {
        return submit(body, request, LineBudget.UNLIMITED);
    }

    /** As {@link #submit(InputStream, ImportRequest)}, each imported line charged to {@code budget}; lines past it are refused. */
    public Accepted submit(InputStream body, ImportRequest request, LineBudget budget) {
        Saved saved = save(body);
        Document earlier = earlier(saved, request);
        if (earlier != null) {
            return new Accepted(earlier, true);
        }
        Document upload = uploads.create(request, saved.sha256, saved.size, Instant.now());
        String uploadId = upload.getString("upload_id");
        jobs.submit(uploadId, () -> runSaved(uploadId, saved, request, percent -> { }, budget));
        return new Accepted(upload, false);
    }

    /** Saves {@code body} and runs the job in this thread, reporting progress (0–100); returns the finished upload. */
    public Accepted run(InputStream body, ImportRequest request, IntConsumer progress) {
        Saved saved = save(body);
        Document earlier = earlier(saved, request);
        if (earlier != null) {
            return new Accepted(earlier, true);
        }
        Document upload = uploads.create(request, saved.sha256, saved.size, Instant.now());
        return new Accepted(runSaved(upload.getString("upload_id"), saved, request, progress, LineBudget.UNLIMITED), false);
    }

    private Document earlier(Saved saved, ImportRequest request) {
        if (request.force()) {
            return null;
        }
        Document earlier = uploads.findBySha(saved.sha256).orElse(null);
        if (earlier != null) {
            delete(saved.file);
        }
        return earlier;
    }

    private Document runSaved(String uploadId, Saved saved, ImportRequest request, IntConsumer progress, LineBudget budget) {
        try {
            return new ImportRun(target, payloads, uploads, uploadId, saved.file, request, saved.sha256, zone, progress, budget).run();
        } finally {
            delete(saved.file);
        }
    }

    /**
     * Deletes an upload's metadata; with {@code cascade}, first the messages it imported (found by
     * {@code metadata.upload_id}; out of search too). Returns how many messages went.
     */
    public long delete(String uploadId, boolean cascade) {
        uploads.get(uploadId);
        long removed = cascade ? target.deleteImported(uploadId) : 0;
        uploads.delete(uploadId);
        return removed;
    }

    private record Saved(Path file, String sha256, long size) {
    }

    private Saved save(InputStream body) {
        try {
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, "upload-", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (InputStream in = new DigestInputStream(body, sha); OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    size += n;
                    if (size > MAX_BYTES) {
                        out.close();
                        delete(file);
                        throw new InvalidInputException("file", "is larger than " + MAX_BYTES / (1 << 20) + " MiB");
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                delete(file);
                throw new InvalidInputException("file", "is empty");
            }
            return new Saved(file, HexFormat.of().formatHex(sha.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the upload: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temp file under data/imports is harmless
        }
    }
}
