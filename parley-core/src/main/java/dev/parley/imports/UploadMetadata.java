package dev.parley.imports;

import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.store.IndexSpec;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.Duration;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seed 003's {@code LogMetadata}: one document per upload (an import job), keyed
 * {@code <tenant>|<upload_id>}, with seed 003's fields ({@code upload_id}, {@code task_id},
 * {@code tenant_id}, {@code user_id}, {@code source}, {@code environment}, {@code service_name},
 * {@code file_name}, {@code file_size}, {@code format_type}, {@code log_count}, {@code status},
 * {@code processing_time}, {@code errors}, {@code progress}, {@code created_at},
 * {@code updated_at}) and Parley's own ({@code sha256}, {@code error_count}, {@code imported},
 * {@code details}).
 */
public final class UploadMetadata {

    public static final String COLLECTION = "upload_metadata";
    public static final Set<String> STATUSES = Set.of("pending", "processing", "success", "partial", "failed");
    public static final int MAX_PAGE_SIZE = 200;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final ScopedCollection uploads;

    public UploadMetadata(ScopedCollection uploads) {
        this.uploads = uploads;
    }

    /** Seed 003's indexes, tenant-first (the tenant is {@code organization_id}, also shown as {@code tenant_id}). */
    public static List<IndexSpec> indexes() {
        return List.of(
                IndexSpec.on(COLLECTION, "organization_id_upload_id_unique", "upload_id").asUnique(),
                IndexSpec.on(COLLECTION, "organization_id_task_id", "task_id"),
                IndexSpec.on(COLLECTION, "organization_id_status", "status"),
                IndexSpec.on(COLLECTION, "organization_id_created_at", "created_at"),
                IndexSpec.on(COLLECTION, "organization_id_user_id_created_at", "user_id", "created_at"),
                IndexSpec.on(COLLECTION, "organization_id_source_environment", "source", "environment"),
                IndexSpec.on(COLLECTION, "organization_id_sha256", "sha256"));
    }

    /** {@code upload_20251124_123456_ab12}: when (UTC) and four random hex digits. */
    static String newUploadId(Instant now) {
        return "upload_" + ID_TIME.format(now) + "_" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** Records a new upload as {@code pending}; durable. */
    Document create(ImportRequest request, String sha256, long size, Instant now) {
        String uploadId = newUploadId(now);
        Document doc = new Document("_id", uploads.key(uploadId)).append("upload_id", uploadId)
                .append("task_id", UUID.randomUUID().toString()).append("tenant_id", uploads.tenant())
                .append("user_id", request.userId()).append("source", request.source()).append("environment", request.environment())
                .append("service_name", request.serviceName()).append("file_name", request.fileName()).append("file_size", size)
                .append("format_type", request.format().wire()).append("log_count", 0L).append("status", "pending")
                .append("processing_time", null).append("errors", List.of()).append("error_count", 0L).append("progress", 0)
                .append("sha256", sha256).append("imported", new Document()).append("created_at", Date.from(now))
                .append("updated_at", Date.from(now));
        if (request.conversationId() != null) {
            doc.append("conversation_id", request.conversationId());
        }
        uploads.insert(doc);
        return view(doc);
    }

    void update(String uploadId, Document set) {
        set.put("updated_at", new Date());
        uploads.update(uploadId, new Document("$set", set));
    }

    public Document get(String uploadId) {
        return find(uploadId).orElseThrow(() -> new NotFoundException("no upload " + uploadId));
    }

    Optional<Document> find(String uploadId) {
        return uploads.get(uploadId).map(UploadMetadata::view);
    }

    /** An earlier upload of the same bytes (newest first), if any. */
    Optional<Document> findBySha(String sha256) {
        return uploads.find(new Document("sha256", sha256)).sort(new Document("created_at", -1)).limit(1)
                .map(UploadMetadata::view).into(new ArrayList<>()).stream().findFirst();
    }

    public Document byTask(String taskId) {
        return uploads.find(new Document("task_id", taskId)).limit(1).map(UploadMetadata::view).into(new ArrayList<>())
                .stream().findFirst().orElseThrow(() -> new NotFoundException("no upload with task " + taskId));
    }

    /** Seed 003's list: filters, newest first, {@code page} from 1. */
    public List<Document> list(Map<String, String> filters, int page, int pageSize) {
        if (page < 1) {
            throw new InvalidInputException("page", "must be 1 or more");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInputException("page_size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        Document filter = new Document();
        filters.forEach((field, value) -> {
            if (value != null && !value.isBlank()) {
                if (field.equals("status") && !STATUSES.contains(value)) {
                    throw new InvalidInputException("status", "must be one of " + new TreeSet<>(STATUSES));
                }
                filter.put(field, value);
            }
        });
        return uploads.find(filter).sort(new Document("created_at", -1).append("upload_id", -1))
                .skip((page - 1) * pageSize).limit(pageSize).map(UploadMetadata::view).into(new ArrayList<>());
    }

    public List<Document> recent(int limit) {
        return list(Map.of(), 1, Math.max(1, Math.min(limit, MAX_PAGE_SIZE)));
    }

    /** Seed 003's statistics over the uploads of the last {@code days} days. */
    public Document stats(int days, Instant now) {
        if (days < 1 || days > 3650) {
            throw new InvalidInputException("days", "must be between 1 and 3650");
        }
        Date since = Date.from(now.minus(Duration.ofDays(days)));
        long uploadsCount = 0;
        long logs = 0;
        long bytes = 0;
        Map<String, long[]> byStatus = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Document doc : uploads.find(new Document("created_at", new Document("$gte", since)))) {
            uploadsCount++;
            long count = ((Number) doc.get("log_count", 0L)).longValue();
            logs += count;
            bytes += ((Number) doc.get("file_size", 0L)).longValue();
            long[] row = byStatus.computeIfAbsent(doc.getString("status"), s -> new long[3]);
            row[0]++;
            row[1] += count;
            if (doc.get("processing_time") instanceof Number time) {
                row[2]++;
                seconds.merge(doc.getString("status"), time.doubleValue(), Double::sum);
            }
        }
        Document statuses = new Document();
        byStatus.forEach((status, row) -> statuses.append(status, new Document("count", row[0]).append("total_logs", row[1])
                .append("avg_processing_time", row[2] == 0 ? null : Math.round(seconds.get(status) / row[2] * 100) / 100.0)));
        return new Document("period_days", days).append("total_uploads", uploadsCount).append("total_logs", logs)
                .append("total_size_bytes", bytes).append("by_status", statuses);
    }

    void delete(String uploadId) {
        if (uploads.deleteByKeys(List.of(uploadId)) == 0) {
            throw new NotFoundException("no upload " + uploadId);
        }
        uploads.awaitDurable();
    }

    static Document view(Document stored) {
        Document view = new Document(stored);
        view.remove("_id");
        return view;
    }
}
