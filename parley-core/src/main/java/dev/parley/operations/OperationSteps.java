package dev.parley.operations;

import org.bson.Document;

import java.util.Optional;

/**
 * The writes a composite operation is made of, each done by the feature that owns it: the
 * conversation it ends, the audit entry, the metric and the event. Owned here and implemented by
 * the root over the tenant's conversations, audit trail, analytics and event store.
 */
public interface OperationSteps {

    /** The conversation as stored; {@code NotFoundException} when there is none. */
    Document conversation(String conversationId);

    void endConversation(String conversationId);

    /** The audit entry an earlier attempt of the operation appended for {@code resourceId}, if any. */
    Optional<Document> auditedEarlier(String resourceId, String operationId);

    /** Appends the operation's audit entry, marked with its id; returns the stored entry. */
    Document audit(Document entry, String operationId);

    /** Logs a metric point (idempotent on its {@code metric_id}). */
    void logMetric(Document point);

    /** Appends an event (idempotent on its {@code event_id}); returns the stored event. */
    Document appendEvent(Document event);
}
