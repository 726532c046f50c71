package dev.parley.contacts;

import dev.parley.ConflictException;
import dev.parley.NotFoundException;
import dev.parley.audit.AuditActor;
import dev.parley.audit.SystemAudit;
import dev.parley.erasure.ErasureSubject;
import dev.parley.erasure.Markers;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.nio.file.Path;

/**
 * Erases a contact's personal data everywhere Parley keeps it, one feature's eraser at a time
 * ({@link PersonalDataEraser}), then walks every collection they cover and records what was found
 * (the erasure report: must be nothing). A legal hold on the tenant or on one of their
 * conversations refuses it (409, with the hold's reason). Erasing again answers the first
 * erasure's record. The record keeps no personal data: counts, the report, who and when, and the
 * keyed digests of the identifiers (HMAC under a key derived from PARLEY_SECRET_KEY), so an
 * operator can re-apply erasures after restoring an older backup without keeping the numbers.
 */
public final class ContactErasure {

    /** What blocks an erasure: the reason of a legal hold on the tenant or on one of the conversations. */
    public interface LegalHolds {
        Optional<String> blocking(Collection<String> conversationIds);
    }

    private final Contacts contacts;
    private final ScopedCollection contactDocs;
    private final ScopedCollection identifiers;
    private final ScopedCollection erasures;
    private final ContactBook book;
    private final List<PersonalDataEraser> erasers;
    private final LegalHolds holds;
    private final SystemAudit audit;
    private final byte[] digestKey;
    private final Clock clock;

    public ContactErasure(Contacts contacts, ScopedCollection contactDocs, ScopedCollection identifiers, ScopedCollection erasures,
                          ContactBook book, List<PersonalDataEraser> featureErasers, LegalHolds holds, SystemAudit audit,
                          byte[] digestKey, Clock clock, ScopedCollection exportJobs, Path dataDir) {
        this.contacts = contacts;
        this.contactDocs = contactDocs;
        this.identifiers = identifiers;
        this.erasures = erasures;
        this.book = book;
        List<PersonalDataEraser> all = new ArrayList<>(featureErasers);
        all.add(new ExportEraser(exportJobs, dataDir));
        all.add(new ContactEraser(contactDocs, identifiers)); // last: the others may still need the contact
        this.erasers = List.copyOf(all);
        this.holds = holds;
        this.audit = audit;
        this.digestKey = digestKey;
        this.clock = clock;
    }

    /** The erasure's record (and report); the first one's again when the contact was erased before. */
    public Document erase(String contactId) {
        Optional<Document> earlier = erasures.get(contactId);
        if (earlier.isPresent()) {
            return view(earlier.get()).append("already_erased", true);
        }
        Document record = run(contacts.stored(contactId), null);
        erasures.replaceByKey(contactId, record);
        return view(record).append("already_erased", false);
    }

    /**
     * Erases {@code contact} again through the same erasers: a restore brought it back after the
     * erasure {@code erasureId} had erased it. Its own record (when it has one) keeps the first
     * report and lists this run under {@code reapplied}; a contact without one (restored into
     * another tenant) gets a record of its own that names the erasure it re-applies. 409 under a
     * legal hold, nothing erased.
     */
    Document eraseAgain(Document contact, String erasureId) {
        String contactId = contact.getString("contact_id");
        Document run = run(contact, erasureId);
        Document summary = new Document("at", run.get("erased_at")).append("erasure_id", run.getString("erasure_id"))
                .append("reapplies", erasureId).append("documents", documents(run.getList("erased", Document.class)))
                .append("clean", run.get("report", Document.class).get("clean"));
        if (erasures.get(contactId).isPresent()) {
            erasures.updateByKey(contactId, new Document("$push", new Document("reapplied", summary)), false);
        } else {
            erasures.replaceByKey(contactId, run.append("reapplied_from", erasureId));
        }
        erasures.awaitDurable();
        return summary.append("contact_id", contactId);
    }

    /** Every tenant contact an erasure recorded here finds again by its identifiers, erased again. */
    public ErasureReapply.Outcome reapply() {
        return reapplier().run(records(), found -> found);
    }

    /**
     * Re-applies {@code records} (another tenant's erasure records, when its backup was restored
     * into this one) to the contacts found that {@code restoredAmong} answers came from the backup.
     */
    public ErasureReapply.Outcome reapply(List<Document> records, UnaryOperator<Set<String>> restoredAmong) {
        return reapplier().run(records, restoredAmong);
    }

    /** This tenant's erasure records, as stored (with the identifiers' digests, whose key never is). */
    public List<Document> records() {
        return erasures.find(new Document()).into(new ArrayList<>());
    }

    private ErasureReapply reapplier() {
        return new ErasureReapply(this, contactDocs, identifiers, new IdentifierDigest(digestKey));
    }

    /** One erasure of {@code contact}: refused under a hold, else every eraser, the report, the audit entry. */
    private Document run(Document contact, String reapplies) {
        String contactId = contact.getString("contact_id");
        List<String> conversationIds = contact.getList("conversation_ids", String.class, List.of());
        holds.blocking(conversationIds).ifPresent(reason -> {
            throw new ConflictException("erasure refused: " + reason);
        });
        ErasureSubject subject = subject(contact);
        String erasureId = subject.erasureId();
        List<String> own = List.copyOf(subject.ownConversations().keySet());
        Set<String> shared = subject.sharedConversations();
        Date started = Date.from(clock.instant());
        List<Document> erased = new ArrayList<>();
        for (PersonalDataEraser eraser : erasers) {
            eraser.erase(subject).forEach(count -> erased.add(new Document("collection", count.collection())
                    .append("documents", count.documents())));
        }
        List<Document> checked = new ArrayList<>();
        for (PersonalDataEraser eraser : erasers) {
            eraser.check(subject).forEach(check -> checked.add(new Document("collection", check.collection())
                    .append("documents_checked", check.checked()).append("found", check.found())));
        }
        book.forget(contactDocs.tenant());
        Document record = new Document("contact_id", contactId).append("erasure_id", erasureId)
                .append("started_at", started).append("erased_at", Date.from(clock.instant()))
                .append("conversations", new Document("own", own.size()).append("shared", shared.size()))
                .append("erased", erased)
                .append("report", new Document("collections", checked)
                        .append("clean", checked.stream().allMatch(c -> ((Number) c.get("found")).longValue() == 0)))
                .append("identifier_digests", digests(contact));
        Document after = new Document("erasure_id", erasureId).append("documents", documents(erased))
                .append("collections", erased.size()).append("clean", record.get("report", Document.class).get("clean"));
        if (reapplies != null) {
            after.append("reapplies", reapplies);
        }
        audit.record(contactDocs.tenant(), new Document(SystemAudit.entry("delete", "contact", contactId, null))
                .append("changes", new Document("after", after)));
        AuditActor actor = AuditActor.current();
        return record.append("actor", new Document("type", actor.type()).append("id", actor.id()).append("tenant", actor.tenant()));
    }

    private static long documents(List<Document> erased) {
        return erased.stream().mapToLong(d -> ((Number) d.get("documents")).longValue()).sum();
    }

    /**
     * Whom an erasure or an export of {@code contact} is about: the values that name them, and
     * their conversations, split into those that are theirs alone and those another contact shares.
     */
    ErasureSubject subject(Document contact) {
        String contactId = contact.getString("contact_id");
        List<String> conversationIds = contact.getList("conversation_ids", String.class, List.of());
        Set<String> shared = new LinkedHashSet<>();
        for (Document other : contactDocs.find(new Document("conversation_ids", new Document("$in", conversationIds))
                .append("contact_id", new Document("$ne", contactId)))) {
            other.getList("conversation_ids", String.class, List.of()).stream().filter(conversationIds::contains).forEach(shared::add);
        }
        List<String> own = conversationIds.stream().filter(c -> !shared.contains(c)).toList();
        String erasureId = ErasureSubject.replacementId().replace("erased-", "er_");
        return ErasureSubject.of(contactDocs.tenant(), contactId, erasureId, markers(contact), own, shared);
    }

    /** Every feature's eraser, in the order an erasure runs them. */
    List<PersonalDataEraser> erasers() {
        return erasers;
    }

    /** The report of a contact's erasure; 404 when it was never erased (or never existed). */
    public Document report(String contactId) {
        return erasures.get(contactId).map(ContactErasure::view)
                .orElseThrow(() -> new NotFoundException("no erasure of contact " + contactId));
    }

    /** Every value that names the person: identifiers, every name they went by. */
    private static Markers markers(Document contact) {
        Markers markers = new Markers();
        for (Document identifier : contact.getList("identifiers", Document.class, List.of())) {
            String value = identifier.getString("value");
            if ("phone".equals(identifier.getString("type"))) {
                markers.phone(value);
            } else {
                markers.text(value);
            }
        }
        markers.text(contact.getString("display_name"));
        contact.getList("names", String.class, List.of()).forEach(markers::text);
        return markers;
    }

    private List<String> digests(Document contact) {
        IdentifierDigest digest = new IdentifierDigest(digestKey);
        return contact.getList("identifiers", Document.class, List.of()).stream()
                .map(Identifiers::key).filter(Objects::nonNull).map(digest::of).toList();
    }

    private static Document view(Document record) {
        Document view = new Document(record);
        view.remove("_id");
        view.remove("organization_id");
        view.remove("identifier_digests");
        return view;
    }
}
