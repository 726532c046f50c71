package dev.parley.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

import java.util.List;

/**
 * What the secondary indexes Parley's H2 backend builds share: not unique (nothing to refuse),
 * reached only through Parley's planners ({@link OrderedIndexQuery}, {@link GroupCountQuery}),
 * never asked for a document's position (the {@code _id} index gives it; mongo-java-server asks
 * every index and takes the one answer).
 */
abstract class EmbeddedSecondaryIndex extends Index<Object> {

    EmbeddedSecondaryIndex(String name, List<IndexKey> keys) {
        super(name, keys, false);
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("served by Parley's planners");
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
