package dev.parley;

import dev.parley.messages.Messages;
import dev.parley.messages.StatusEvent;
import dev.parley.store.Companion;
import dev.parley.webhooks.MessageIntake;
import org.bson.Document;

import java.util.List;
import java.util.function.ObjIntConsumer;

/** The webhooks' message intake: each tenant's share goes to that tenant's messages. */
final class TenantMessageIntake implements MessageIntake {

    private final Parley parley;

    TenantMessageIntake(Parley parley) {
        this.parley = parley;
    }

    @Override
    public Messages.Prepared prepare(String tenant, List<Document> messages, List<StatusEvent> statuses,
                                     ObjIntConsumer<InvalidInputException> refused) {
        return parley.tenant(tenant).messages().prepare(messages, statuses, refused);
    }

    @Override
    public void write(String tenant, Messages.Prepared prepared, Companion companion) {
        parley.tenant(tenant).messages().write(prepared, companion);
    }

    @Override
    public List<Messages.Queued> queue(String tenant, List<Messages.Prepared> prepared, List<Companion> companions) {
        return parley.tenant(tenant).messages().queue(prepared, companions);
    }

    @Override
    public List<RuntimeException> writeAll(List<Messages.Queued> queued) {
        return Messages.writeAll(queued);
    }

    @Override
    public void recordStatuses(String tenant, List<StatusEvent> events) {
        parley.tenant(tenant).messages().recordStatuses(events);
    }
}
