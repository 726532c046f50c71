package dev.parley;

import dev.parley.operations.OperationSteps;
import org.bson.Document;

import java.util.Optional;

/** A composite operation's steps, in the tenant's conversations, audit trail, analytics and event store. */
final class TenantOperationSteps implements OperationSteps {

    private final TenantScope tenant;

    TenantOperationSteps(TenantScope tenant) {
        this.tenant = tenant;
    }

    @Override
    public Document conversation(String conversationId) {
        return tenant.conversations().get(conversationId);
    }

    @Override
    public void endConversation(String conversationId) {
        tenant.conversations().end(conversationId);
    }

    @Override
    public Optional<Document> auditedEarlier(String resourceId, String operationId) {
        return tenant.audit().findByOperation(resourceId, operationId);
    }

    @Override
    public Document audit(Document entry, String operationId) {
        return tenant.audit().logForOperation(entry, operationId);
    }

    @Override
    public void logMetric(Document point) {
        tenant.analytics().log(point);
    }

    @Override
    public Document appendEvent(Document event) {
        return tenant.events().append(event);
    }
}
