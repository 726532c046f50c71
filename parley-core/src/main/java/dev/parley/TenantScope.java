package dev.parley;

import dev.parley.audit.AuditTrail;
import dev.parley.audit.AuditWriter;
import dev.parley.documents.CollectionName;
import dev.parley.documents.DocumentCollection;
import dev.parley.events.EventStore;
import dev.parley.store.MongoStore;
import dev.parley.conversations.Conversations;
import dev.parley.messages.MessageWriter;
import dev.parley.messages.Messages;
import dev.parley.tenancy.Tenant;
import dev.parley.tenancy.TenantRegistry;
import dev.parley.tenancy.TenantSlug;

import java.time.ZoneId;

/** Everything one tenant may reach: {@code parley.tenant("acme").documents("notes")}. */
public final class TenantScope {

    private final String organizationId;
    private final MongoStore store;
    private final MessageWriter messageWriter;
    private final AuditWriter auditWriter;
    private final TenantRegistry registry;

    TenantScope(String organizationId, MongoStore store, MessageWriter messageWriter, AuditWriter auditWriter,
                TenantRegistry registry) {
        this.organizationId = TenantSlug.check(organizationId);
        this.store = store;
        this.messageWriter = messageWriter;
        this.auditWriter = auditWriter;
        this.registry = registry;
    }

    /** The tenant's time zone (for formatting times for people), or the default for unknown tenants. */
    public ZoneId timeZone() {
        return registry.find(organizationId).map(Tenant::timeZone).orElse(store.config().defaultTimeZone());
    }

    /** Seed 004's conversations. */
    public Conversations conversations() {
        return new Conversations(store.scoped(organizationId, Conversations.COLLECTION));
    }

    /** Messages with their delivery statuses and history (seeds 000, 002, 004). */
    public Messages messages() {
        return Messages.of(organizationId, store, messageWriter);
    }

    /** Seed 000's audit log, as a tamper-evident hash chain. */
    public AuditTrail audit() {
        return new AuditTrail(organizationId, store, auditWriter);
    }

    /** Seed 000's event store (event sourcing per aggregate). */
    public EventStore events() {
        return new EventStore(store.scoped(organizationId, EventStore.EVENTS), store.scoped(organizationId, EventStore.HEADS));
    }

    public String organizationId() {
        return organizationId;
    }

    /** A user collection of this tenant (seed 001's generic document helpers). */
    public DocumentCollection documents(String collection) {
        return new DocumentCollection(store.scoped(organizationId, CollectionName.stored(collection)));
    }
}
