package dev.parley;

import dev.parley.imports.ImportTarget;
import dev.parley.messages.StatusEvent;
import dev.parley.retention.RetentionPolicy;
import org.bson.Document;

import java.util.List;
import java.util.function.ObjIntConsumer;

/** An import's target: the tenant's messages and retention policy. */
final class TenantImportTarget implements ImportTarget {

    private final TenantScope tenant;

    TenantImportTarget(TenantScope tenant) {
        this.tenant = tenant;
    }

    @Override
    public int logValid(List<Document> messages, ObjIntConsumer<InvalidInputException> refused) {
        return tenant.messages().logValid(messages, refused);
    }

    @Override
    public void recordStatuses(List<StatusEvent> events) {
        tenant.messages().recordStatuses(events);
    }

    @Override
    public long deleteImported(String uploadId) {
        return tenant.messages().deleteImported(uploadId);
    }

    @Override
    public RetentionPolicy retention() {
        return tenant.retention();
    }
}
