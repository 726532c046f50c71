package dev.parley.imports;

import dev.parley.InvalidInputException;
import dev.parley.messages.StatusEvent;
import dev.parley.retention.RetentionPolicy;
import org.bson.Document;

import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * The tenant an import writes into: the message path live traffic takes, and the retention
 * policy an import reports against. Owned here and implemented by the root over the tenant's
 * messages and retention.
 */
public interface ImportTarget {

    /** Logs the messages that validate (any number); each refused one is reported with its index. Returns how many were logged. */
    int logValid(List<Document> messages, ObjIntConsumer<InvalidInputException> refused);

    /** Records up to 1,000 status events in one durable batch. */
    void recordStatuses(List<StatusEvent> events);

    /** Deletes the messages an upload imported (out of search too); returns how many. */
    long deleteImported(String uploadId);

    /** The tenant's retention policy now. */
    RetentionPolicy retention();
}
