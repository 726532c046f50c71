package dev.parley.seeding;

import dev.parley.imports.ImportRequest;
import dev.parley.messages.StatusEvent;
import org.bson.Document;

import java.io.InputStream;
import java.util.List;

/**
 * The public write paths demo data goes through, for one tenant: the same a client of the
 * library takes. Owned here and implemented by the root over the tenant's features.
 */
public interface SeedWrites {

    /** Starts a conversation; {@code ConflictException} when it exists. */
    void startConversation(Document conversation);

    /** Logs up to 1,000 messages in one durable batch. */
    void logMessages(List<Document> messages);

    /** Records up to 1,000 status events in one durable batch. */
    void recordStatuses(List<StatusEvent> events);

    void logAudit(List<Document> entries);

    /** Logs up to 1,000 metric points. */
    void logMetrics(List<Document> points);

    void storeEvent(Document event);

    /** Imports an upload in this thread, as a user's upload would be. */
    void importUpload(InputStream body, ImportRequest request);
}
