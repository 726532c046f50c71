package dev.parley.contacts;

import dev.parley.erasure.CollectionWalk;
import dev.parley.erasure.ErasureSubject;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.store.ScopedCollection;

import java.util.List;
import java.util.ArrayList;
import org.bson.Document;

/** The contact record and its identifiers go (run last: the other erasers read nothing of them). */
final class ContactEraser implements PersonalDataEraser {

    private final ScopedCollection contacts;
    private final ScopedCollection identifiers;

    ContactEraser(ScopedCollection contacts, ScopedCollection identifiers) {
        this.contacts = contacts;
        this.identifiers = identifiers;
    }

    @Override
    public List<String> collections() {
        return List.of(ContactBook.CONTACTS, ContactBook.IDENTIFIERS);
    }

    @Override
    public List<CollectionCount> erase(ErasureSubject subject) {
        List<String> keys = identifiers.find(new Document("contact_id", subject.contactId()))
                .map(doc -> doc.getString("identifier")).into(new ArrayList<>());
        long removedIdentifiers = identifiers.deleteByKeys(keys);
        long removedContacts = contacts.deleteByKeys(List.of(subject.contactId()));
        contacts.awaitDurable();
        return List.of(new CollectionCount(ContactBook.CONTACTS, removedContacts),
                new CollectionCount(ContactBook.IDENTIFIERS, removedIdentifiers));
    }

    @Override
    public void export(ErasureSubject subject, Exported out) {
        contacts.get(subject.contactId()).ifPresent(contact -> out.document(ContactBook.CONTACTS, Contacts.view(contact)));
    }

    @Override
    public List<CollectionCheck> check(ErasureSubject subject) {
        return List.of(CollectionWalk.count(contacts, subject.markers()), CollectionWalk.count(identifiers, subject.markers()));
    }
}
