package dev.parley.webhooks;

import dev.parley.InvalidInputException;
import dev.parley.messages.Messages;
import dev.parley.messages.StatusEvent;
import dev.parley.store.Companion;
import org.bson.Document;

import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * The message write path as the webhooks use it, tenant by tenant: a delivery's share checked,
 * then written (the raw record riding on the last batch), or one status recorded. Owned here and
 * implemented by the root over each tenant's messages, so a webhook needs nothing else of Parley.
 */
public interface MessageIntake {

    /** {@code tenant}'s messages and statuses of one delivery, checked; a refused message is reported with its index. */
    Messages.Prepared prepare(String tenant, List<Document> messages, List<StatusEvent> statuses,
                              ObjIntConsumer<InvalidInputException> refused);

    /** Writes what {@link #prepare} checked, with {@code companion} (may be null) in the last batch. */
    void write(String tenant, Messages.Prepared prepared, Companion companion);

    /**
     * What {@link #write} would submit for each of {@code tenant}'s shares (companions parallel,
     * may hold nulls), queued to be written with other deliveries' by {@link #writeAll}.
     */
    List<Messages.Queued> queue(String tenant, List<Messages.Prepared> prepared, List<Companion> companions);

    /** Writes the queued shares together; each one's failure, null where it is written and durable. */
    List<RuntimeException> writeAll(List<Messages.Queued> queued);

    /** Records status events in one durable batch. */
    void recordStatuses(String tenant, List<StatusEvent> events);
}
