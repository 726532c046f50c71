package dev.parley.erasure;

import dev.parley.store.ScopedCollection;
import org.bson.Document;

/** The erasure report's proof for one collection: every document of the tenant read, those naming the person counted. */
public final class CollectionWalk {

    private CollectionWalk() {
    }

    public static PersonalDataEraser.CollectionCheck count(ScopedCollection collection, Markers markers) {
        long checked = 0;
        long found = 0;
        for (Document doc : collection.find(new Document()).batchSize(1_000)) {
            checked++;
            if (Redaction.names(doc, markers)) {
                found++;
            }
        }
        return new PersonalDataEraser.CollectionCheck(collection.name(), checked, found);
    }
}
