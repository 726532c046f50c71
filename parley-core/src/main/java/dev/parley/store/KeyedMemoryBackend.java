package dev.parley.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/** The in-memory backend with filters on {@code _id} plus other fields answered by key ({@link IdFirstQuery}), as on H2. */
final class KeyedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new KeyedCollection(this, collectionName, options);
            }
        };
    }

    private final class KeyedCollection extends MemoryCollection {

        KeyedCollection(MongoDatabase database, String name, CollectionOptions options) {
            super(database, name, options, getCursorRegistry());
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document fieldSelector) {
            if (IdFirstQuery.applies(query, skip, fieldSelector)) {
                return IdFirstQuery.run(query, byId -> super.queryDocuments(byId, null, 0, 0, batchSize, null),
                        this::documentMatchesQuery);
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
    }
}
