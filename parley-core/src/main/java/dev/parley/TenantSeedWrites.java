package dev.parley;

import dev.parley.imports.ImportRequest;
import dev.parley.messages.StatusEvent;
import dev.parley.seeding.SeedWrites;
import org.bson.Document;

import java.io.InputStream;
import java.util.List;

/** Demo data's writes, through the tenant's features as any client's. */
final class TenantSeedWrites implements SeedWrites {

    private final TenantScope tenant;

    TenantSeedWrites(TenantScope tenant) {
        this.tenant = tenant;
    }

    @Override
    public void startConversation(Document conversation) {
        tenant.conversations().start(conversation);
    }

    @Override
    public void logMessages(List<Document> messages) {
        tenant.messages().logAll(messages);
    }

    @Override
    public void recordStatuses(List<StatusEvent> events) {
        tenant.messages().recordStatuses(events);
    }

    @Override
    public void logAudit(List<Document> entries) {
        tenant.audit().logAll(entries);
    }

    @Override
    public void logMetrics(List<Document> points) {
        tenant.analytics().logAll(points);
    }

    @Override
    public void storeEvent(Document event) {
        tenant.events().store(event);
    }

    @Override
    public void importUpload(InputStream body, ImportRequest request) {
        tenant.imports().run(body, request, percent -> { });
    }
}
