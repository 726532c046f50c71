package dev.parley.contacts;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.audit.SystemAudit;
import dev.parley.fields.InputFields;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant's contacts: the people its conversations are with, each with the identifiers they
 * appear under, their WhatsApp profile name and when they were first and last seen. Listing,
 * reading (with their conversations), merging two, adding an identifier; erasure is
 * {@link ContactErasure}.
 */
public final class Contacts {

    public static final int MAX_LIMIT = 200;
    private static final Set<String> PATCH_FIELDS = Set.of("display_name", "add_identifier", "merge");

    /** The conversations of a contact, as the conversations feature shows them (missing ones left out). */
    public interface ConversationLookup {
        List<Document> conversations(Collection<String> conversationIds);
    }

    private final ScopedCollection contacts;
    private final ScopedCollection identifiers;
    private final ContactBook book;
    private final SystemAudit audit;
    private final ConversationLookup conversations;

    public Contacts(ScopedCollection contacts, ScopedCollection identifiers, ContactBook book, SystemAudit audit,
                    ConversationLookup conversations) {
        this.contacts = contacts;
        this.identifiers = identifiers;
        this.book = book;
        this.audit = audit;
        this.conversations = conversations;
    }

    static String newId() {
        return "ct_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Contacts in id order after {@code cursor}; {@code q} is an identifier (a phone number or an
     * email address: found by key) or a part of a name (case-insensitive).
     */
    public List<Document> list(String q, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        String key = q == null ? null : Identifiers.seen(q);
        if (key != null) {
            return identifiers.get(key).flatMap(doc -> contacts.get(doc.getString("contact_id"))).map(Contacts::view)
                    .filter(c -> cursor == null || c.getString("contact_id").compareTo(cursor) > 0).map(List::of).orElse(List.of());
        }
        Document filter = new Document();
        if (q != null && !q.isBlank()) {
            if (q.length() > 200) {
                throw new InvalidInputException("q", "must be at most 200 characters");
            }
            filter.append("display_name", new Document("$regex", Pattern.quote(q.strip())).append("$options", "i"));
        }
        if (cursor != null) {
            filter.append("contact_id", new Document("$gt", cursor));
        }
        List<Document> page = new ArrayList<>();
        for (Document doc : contacts.find(filter).sort(new Document("contact_id", 1)).limit(limit)) {
            page.add(view(doc));
        }
        return page;
    }

    /** One contact, with its conversations. */
    public Document get(String contactId) {
        Document contact = stored(contactId);
        List<String> ids = contact.getList("conversation_ids", String.class, List.of());
        return view(contact).append("conversations", conversations.conversations(ids));
    }

    Document stored(String contactId) {
        return contacts.get(contactId).orElseThrow(() -> new NotFoundException("no contact " + contactId));
    }

    /**
     * {@code {"display_name": …}}, {@code {"add_identifier": {"type", "value"}}} (409 when another
     * contact has it: merge them instead), {@code {"merge": "<contact_id>"}} (the other contact's
     * identifiers, conversations and times join this one, and it goes). Checked whole first; audited.
     */
    public Document update(String contactId, Document input) {
        for (String field : input.keySet()) {
            if (!PATCH_FIELDS.contains(field)) {
                throw new InvalidInputException(field, "is not a contact change (display_name, add_identifier, merge)");
            }
        }
        Document contact = stored(contactId);
        String name = InputFields.string(input, "display_name", false, 256);
        String key = input.get("add_identifier") == null ? null
                : Identifiers.given(InputFields.subDocument(input, "add_identifier"), "add_identifier");
        String mergeId = InputFields.string(input, "merge", false, 64);
        Document other = mergeId == null ? null : stored(mergeId);
        if (mergeId != null && mergeId.equals(contactId)) {
            throw new InvalidInputException("merge", "names this contact itself");
        }
        if (key != null) {
            identifiers.get(key).filter(doc -> !contactId.equals(doc.getString("contact_id")) && !doc.getString("contact_id").equals(mergeId))
                    .ifPresent(doc -> {
                        throw new ConflictException("another contact (" + doc.getString("contact_id") + ") has this identifier: merge them");
                    });
        }
        Document set = new Document("updated_at", new Date());
        Document addToSet = new Document();
        List<Document> added = new ArrayList<>();
        if (name != null) {
            set.append("display_name", name);
            addToSet.append("names", new Document("$each", List.of(name)));
        }
        if (key != null) {
            identifiers.updateByKey(key, new Document("$set", new Document("identifier", key).append("contact_id", contactId)), true);
            added.add(Identifiers.view(key));
        }
        Document update = new Document("$set", set);
        if (other != null) {
            merge(contactId, other, added, addToSet, update);
        }
        if (!added.isEmpty()) {
            addToSet.append("identifiers", new Document("$each", added));
        }
        if (!addToSet.isEmpty()) {
            update.append("$addToSet", addToSet);
        }
        contacts.updateByKey(contactId, update, false);
        if (other != null) {
            contacts.deleteByKeys(List.of(mergeId));
        }
        contacts.awaitDurable();
        book.forget(contacts.tenant());
        audit.record(contacts.tenant(), new Document(SystemAudit.entry("update", "contact", contactId, null))
                .append("changes", new Document("after", new Document("merged", mergeId)
                        .append("identifier_added", key == null ? null : Identifiers.view(key).getString("type"))
                        .append("renamed", name != null))));
        return get(contactId);
    }

    @SuppressWarnings("unchecked")
    private void merge(String contactId, Document other, List<Document> added, Document addToSet, Document update) {
        for (Document identifier : other.getList("identifiers", Document.class, List.of())) {
            String key = Identifiers.key(identifier);
            identifiers.updateByKey(key, new Document("$set", new Document("identifier", key).append("contact_id", contactId)), true);
            added.add(identifier);
        }
        List<Object> conversationIds = (List<Object>) other.get("conversation_ids", List.class);
        if (conversationIds != null && !conversationIds.isEmpty()) {
            addToSet.append("conversation_ids", new Document("$each", conversationIds));
        }
        List<Object> names = (List<Object>) other.get("names", List.class);
        if (names != null && !names.isEmpty()) {
            addToSet.append("names", new Document("$each", names));
        }
        if (other.get("first_seen_at") != null) {
            update.append("$min", new Document("first_seen_at", other.get("first_seen_at")));
        }
        if (other.get("last_seen_at") != null) {
            update.append("$max", new Document("last_seen_at", other.get("last_seen_at")));
        }
    }

    static Document view(Document stored) {
        Document view = new Document(stored);
        view.remove("_id");
        view.remove("names");
        return view;
    }
}
