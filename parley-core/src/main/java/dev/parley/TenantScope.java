package dev.parley;

import dev.parley.analytics.Analytics;
import dev.parley.audit.AuditTrail;
import dev.parley.operations.CompositeOperations;
import dev.parley.retention.RetentionPolicy;
import org.bson.Document;
import dev.parley.documents.CollectionName;
import dev.parley.documents.DocumentCollection;
import dev.parley.events.EventStore;
import dev.parley.store.MongoStore;
import dev.parley.conversations.Conversations;
import dev.parley.messages.Messages;
import dev.parley.monitoring.TenantDocumentCounts;
import dev.parley.tenancy.Tenant;
import dev.parley.tenancy.TenantSlug;
import dev.parley.users.TenantUsers;

import dev.parley.contacts.ContactBook;
import dev.parley.contacts.ContactErasure;
import dev.parley.contacts.ContactExport;
import dev.parley.contacts.Contacts;
import dev.parley.conversations.ConversationEraser;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.erasure.RedactingEraser;
import dev.parley.imports.PayloadImporter;
import dev.parley.imports.UploadMetadata;
import dev.parley.messages.MessageEraser;

import dev.parley.webhooks.RawWebhookEraser;
import dev.parley.webhooks.WhatsAppWebhook;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import dev.parley.imports.Imports;
import dev.parley.messages.HistoryPage;
import dev.parley.messages.HistoryQuery;
import java.util.Optional;

/** Everything one tenant may reach: {@code parley.tenant("acme").documents("notes")}. */
public final class TenantScope {

    private final String organizationId;
    private final Parley parley;
    private final MongoStore store;

    TenantScope(String organizationId, Parley parley) {
        this.organizationId = TenantSlug.check(organizationId);
        this.parley = parley;
        this.store = parley.store();
    }

    /** The tenant's time zone (for formatting times for people), or the default for unknown tenants. */
    public ZoneId timeZone() {
        return parley.tenants().find(organizationId).map(Tenant::timeZone).orElse(store.config().defaultTimeZone());
    }

    /** The tenant's documents per collection (the dashboard's Health page). */
    public Document documentCounts() {
        return new TenantDocumentCounts(store.tenant(organizationId)).count();
    }

    /** Seed 004's conversations. */
    public Conversations conversations() {
        return parley.conversations(organizationId);
    }

    /** Import jobs and seed 003's upload metadata; a WhatsApp webhook payload in an upload goes through the webhook's mapping. */
    public Imports imports() {
        return new Imports(store.scoped(organizationId, UploadMetadata.COLLECTION), new TenantImportTarget(this),
                payload -> {
            WhatsAppWebhook.Receipt receipt = parley.whatsAppWebhook().importPayload(organizationId, payload);
            return new PayloadImporter.Imported(receipt.messages(), receipt.statuses(), receipt.problems());
        }, parley.importJobs(), store, timeZone());
    }

    /** Messages with their delivery statuses and history (seeds 000, 002, 004). */
    public Messages messages() {
        return Messages.of(store.tenant(organizationId), parley.messageWriter(), (tenant, entry) -> audit().log(entry), parley.contactBook());
    }

    /** The people the tenant's conversations are with: identifiers, names, conversations. */
    public Contacts contacts() {
        return new Contacts(store.scoped(organizationId, ContactBook.CONTACTS), store.scoped(organizationId, ContactBook.IDENTIFIERS),
                parley.contactBook(), (tenant, entry) -> audit().log(entry), ids -> {
                    Conversations conversations = conversations();
                    List<Document> found = new ArrayList<>();
                    for (String id : ids) {
                        try {
                            found.add(conversations.get(id));
                        } catch (NotFoundException gone) {
                            // linked by a status before its conversation existed, or erased since
                        }
                    }
                    return found;
                });
    }

    /** Exports of a contact's data (GDPR article 15): a background job writing one zip. */
    public ContactExport contactExport() {
        return new ContactExport(contacts(), contactErasure(), store.scoped(organizationId, ContactExport.JOBS), parley.exportJobs(),
                store.config().dataDir(), timeZone(), (conversationId, out) -> {
                    String cursor = null;
                    do {
                        HistoryPage page = messages().history(conversationId,
                                new HistoryQuery(200, null, cursor, true));
                        page.messages().forEach(out);
                        cursor = page.hasMore() ? page.nextCursor() : null;
                    } while (cursor != null);
                }, parley.clock());
    }

    /**
     * Erasure of a contact's personal data (GDPR article 17, PDPL): every feature that keeps
     * personal data brings its eraser here (one line per feature), run in this order.
     */
    public ContactErasure contactErasure() {
        List<PersonalDataEraser> erasers = List.of(
                MessageEraser.of(store.tenant(organizationId), parley.messageWriter()),
                new ConversationEraser(store.scoped(organizationId, Conversations.COLLECTION), parley.searchIndex()),
                new RawWebhookEraser(store, organizationId),
                events().eraser(),
                new RedactingEraser(store.scoped(organizationId, UploadMetadata.COLLECTION),
                        List.of("upload_id", "task_id", "status", "created_at", "updated_at")),
                new RedactingEraser(store.scoped(organizationId, CompositeOperations.RECORDS),
                        List.of("operation_key", "rev", "kind", "state", "created_at", "updated_at")),
                audit().eraser());
        ContactErasure.LegalHolds holds = conversationIds -> {
            RetentionPolicy policy = retention();
            String reason = policy.holdReason() == null ? "no reason given" : policy.holdReason();
            if (policy.tenantHold()) {
                return Optional.of("the tenant is under legal hold (" + reason + ")");
            }
            return conversationIds.stream().filter(policy.heldConversations()::contains).findFirst()
                    .map(held -> "conversation " + held + " is under legal hold (" + reason + ")");
        };
        return new ContactErasure(contacts(), store.scoped(organizationId, ContactBook.CONTACTS),
                store.scoped(organizationId, ContactBook.IDENTIFIERS), store.scoped(organizationId, ContactBook.ERASURES),
                parley.contactBook(), erasers, holds, (tenant, entry) -> audit().log(entry),
                parley.derivedKey("contact-erasure-digests"), parley.clock(), store.scoped(organizationId, ContactExport.JOBS),
                store.config().dataDir());
    }

    /** Seed 000's audit log, as a tamper-evident hash chain. */
    public AuditTrail audit() {
        return new AuditTrail(store.tenant(organizationId), parley.auditWriter(), parley.auditKeys());
    }

    /** Seed 000's event store (event sourcing per aggregate). */
    public EventStore events() {
        return new EventStore(store.scoped(organizationId, EventStore.EVENTS), store.scoped(organizationId, EventStore.HEADS),
                parley.retention());
    }

    /** Seed 000's analytics: raw metric points, 15-minute rollups, daily/hourly stats, the messaging funnel. */
    public Analytics analytics() {
        return new Analytics(store.tenant(organizationId), parley.metricWriter(), parley.rollups(), parley.clock());
    }

    /** Seed 000's batch operations (campaign executed, conversation closed), idempotent under a key. */
    public CompositeOperations operations() {
        return new CompositeOperations(store.scoped(organizationId, CompositeOperations.RECORDS),
                new TenantOperationSteps(this), store, parley.clock());
    }

    /** The tenant's retention policy (days per collection, legal holds), defaults filled in. */
    public RetentionPolicy retention() {
        return parley.retention().get(organizationId);
    }

    /** Changes the tenant's retention policy (audited); see {@link dev.parley.retention.RetentionPolicies#update}. */
    public RetentionPolicy updateRetention(Document input) {
        return parley.retention().update(organizationId, input);
    }

    public String organizationId() {
        return organizationId;
    }

    /** Seed 003's users of this tenant: profiles, roles, passwords. */
    public TenantUsers users() {
        return new TenantUsers(organizationId, parley.users(), this::timeZone);
    }

    /** A user collection of this tenant (seed 001's generic document helpers). */
    public DocumentCollection documents(String collection) {
        return new DocumentCollection(store.scoped(organizationId, CollectionName.stored(collection)),
                (tenant, entry) -> audit().log(entry));
    }
}
