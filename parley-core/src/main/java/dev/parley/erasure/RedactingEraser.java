package dev.parley.erasure;

import dev.parley.store.Keys;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The eraser of a collection whose documents only need the values that name the person replaced
 * (upload records, operation records): every document of the tenant is read, and one that names
 * them is rewritten with those values replaced; {@code kept} fields (keys, times) stay.
 */
public final class RedactingEraser implements PersonalDataEraser {

    private final ScopedCollection collection;
    private final List<String> kept;

    public RedactingEraser(ScopedCollection collection, List<String> kept) {
        this.collection = collection;
        List<String> all = new ArrayList<>(kept);
        all.add("_id");
        all.add(ScopedCollection.TENANT_FIELD);
        this.kept = List.copyOf(all);
    }

    @Override
    public List<String> collections() {
        return List.of(collection.name());
    }

    @Override
    public List<CollectionCount> erase(ErasureSubject subject) {
        long[] changed = {0};
        CollectionWalk.matching(collection, doc -> Redaction.names(doc, subject.markers()), batch -> batch.forEach(doc -> {
            collection.replaceByKey(Keys.local((String) doc.get("_id"), collection.tenant()), new Redaction(subject.markers()).document(doc, kept));
            changed[0]++;
        }));
        return List.of(new CollectionCount(collection.name(), changed[0]));
    }

    @Override
    public void export(ErasureSubject subject, Exported out) {
        CollectionWalk.matching(collection, doc -> Redaction.names(doc, subject.markers()), batch -> batch.forEach(doc -> {
            Document view = new Document(doc);
            view.remove("_id");
            out.document(collection.name(), view);
        }));
    }

    @Override
    public List<CollectionCheck> check(ErasureSubject subject) {
        return List.of(CollectionWalk.count(collection, subject.markers()));
    }
}
