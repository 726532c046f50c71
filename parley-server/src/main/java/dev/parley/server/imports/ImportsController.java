package dev.parley.server.imports;

import dev.parley.server.auth.RequiresRole;
import dev.parley.server.auth.Caller;
import dev.parley.server.auth.LogQuota;
import dev.parley.users.Role;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.imports.ImportFormat;
import dev.parley.imports.ImportRequest;
import dev.parley.imports.Imports;
import dev.parley.server.web.JsonReplies;
import jakarta.servlet.http.HttpServletRequest;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Import jobs ({@code POST /api/v1/imports}) and seed 003's upload metadata routes, with and
 * without their trailing slash.
 */
@RestController
@RequiresRole(Role.VIEWER)
class ImportsController {

    private final LogQuota logQuota;

    ImportsController(LogQuota logQuota) {
        this.logQuota = logQuota;
    }

    /**
     * A multipart upload (part {@code file}) or the raw body; the other settings as form fields or
     * query parameters. 202 with the new upload; 200 with the earlier one when the same bytes
     * came before (unless {@code force=true}).
     */
    @RequiresRole(Role.ADMIN)
    @PostMapping("/api/v1/imports")
    ResponseEntity<String> submit(TenantScope tenant, Caller caller, HttpServletRequest http,
                                  @RequestParam(required = false) String format,
                                  @RequestParam(required = false) String source,
                                  @RequestParam(required = false) String environment,
                                  @RequestParam(name = "service_name", required = false) String serviceName,
                                  @RequestParam(name = "user_id", required = false) String userId,
                                  @RequestParam(name = "conversation_id", required = false) String conversationId,
                                  @RequestParam(required = false) String channel,
                                  @RequestParam(required = false) String me,
                                  @RequestParam(required = false) String map,
                                  @RequestParam(name = "file_name", required = false) String fileName,
                                  @RequestParam(defaultValue = "false") boolean force) throws IOException {
        logQuota.requireSome(caller);
        if (userId == null && caller.isUser()) {
            userId = caller.userId(); // seed 003: an upload records who sent it
        }
        MultipartFile part = http instanceof MultipartHttpServletRequest multipart ? multipart.getFile("file") : null;
        String name = fileName != null ? fileName : part != null ? part.getOriginalFilename() : null;
        ImportRequest request = new ImportRequest(ImportFormat.parse(format), name, source, environment, serviceName, userId,
                conversationId, channel, me, ImportRequest.columns(map), force);
        try (InputStream body = part != null ? part.getInputStream() : http.getInputStream()) {
            Imports.Accepted accepted = tenant.imports().submit(body, request, lines -> logQuota.take(caller, lines));
            Document reply = new Document(accepted.upload()).append("duplicate", accepted.duplicate());
            return JsonReplies.one(accepted.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED, reply, tenant);
        }
    }

    /** Seed 003: {@code {"metadata": [..], "page": 1, "count": N}}, newest first. */
    @GetMapping({"/api/v1/logs/metadata", "/api/v1/logs/metadata/"})
    ResponseEntity<String> list(TenantScope tenant, @RequestParam(required = false) String status,
                                @RequestParam(required = false) String source,
                                @RequestParam(required = false) String environment,
                                @RequestParam(name = "service_name", required = false) String serviceName,
                                @RequestParam(name = "user_id", required = false) String userId,
                                @RequestParam(defaultValue = "1") int page,
                                @RequestParam(name = "page_size", defaultValue = "20") int pageSize) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", status);
        filters.put("source", source);
        filters.put("environment", environment);
        filters.put("service_name", serviceName);
        filters.put("user_id", userId);
        List<Document> found = tenant.imports().metadata().list(filters, page, pageSize);
        return JsonReplies.list("metadata", found, tenant, new Document("page", page));
    }

    @GetMapping({"/api/v1/logs/metadata/stats", "/api/v1/logs/metadata/stats/"})
    ResponseEntity<String> stats(TenantScope tenant, @RequestParam(defaultValue = "30") int days) {
        return JsonReplies.one(HttpStatus.OK, tenant.imports().metadata().stats(days, Instant.now()), tenant);
    }

    @GetMapping({"/api/v1/logs/metadata/recent", "/api/v1/logs/metadata/recent/"})
    ResponseEntity<String> recent(TenantScope tenant, @RequestParam(defaultValue = "10") int limit) {
        return JsonReplies.list("metadata", tenant.imports().metadata().recent(limit), tenant, null);
    }

    @GetMapping({"/api/v1/logs/metadata/task/{taskId}", "/api/v1/logs/metadata/task/{taskId}/"})
    ResponseEntity<String> byTask(TenantScope tenant, @PathVariable String taskId) {
        return JsonReplies.one(HttpStatus.OK, tenant.imports().metadata().byTask(taskId), tenant);
    }

    @GetMapping({"/api/v1/logs/metadata/{uploadId}", "/api/v1/logs/metadata/{uploadId}/"})
    ResponseEntity<String> get(TenantScope tenant, @PathVariable String uploadId) {
        return JsonReplies.one(HttpStatus.OK, tenant.imports().metadata().get(uploadId), tenant);
    }

    /** With {@code cascade=true}, the messages the upload imported go too. */
    @RequiresRole(Role.ADMIN)
    @DeleteMapping({"/api/v1/logs/metadata/{uploadId}", "/api/v1/logs/metadata/{uploadId}/"})
    ResponseEntity<String> delete(TenantScope tenant, @PathVariable String uploadId,
                                  @RequestParam(defaultValue = "false") boolean cascade) {
        long messages = tenant.imports().delete(uploadId, cascade);
        return JsonReplies.one(HttpStatus.OK, new Document("deleted", true).append("upload_id", uploadId)
                .append("messages_deleted", messages), tenant);
    }

    /** Seed 003's index set-up for upload metadata (idempotent; every Parley index is also made at start). */
    @RequiresRole(Role.ADMIN)
    @PostMapping({"/api/v1/logs/admin/initialize-metadata-indexes", "/api/v1/logs/admin/initialize-metadata-indexes/"})
    ResponseEntity<String> initializeIndexes(TenantScope tenant) {
        List<String> lines = tenant.imports().initializeIndexes();
        return JsonReplies.json(HttpStatus.OK, DocumentJson.write(new Document("message", "upload metadata indexes ensured")
                .append("indexes", lines)));
    }
}
