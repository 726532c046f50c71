package dev.parley.store;

import com.mongodb.client.FindIterable;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A find whose filter is fixed when it is made ({@link ScopedCollection#find} puts the tenant in
 * it): it can be projected, sorted, paged and batched, but offers no way to replace the filter, as
 * the driver's {@code FindIterable.filter} would. Each option changes this find and returns it.
 */
public final class Find extends Found<Document> {

    private final FindIterable<Document> query;

    Find(FindIterable<Document> query) {
        super(query);
        this.query = query;
    }

    public Find projection(Bson projection) {
        query.projection(projection);
        return this;
    }

    public Find sort(Bson sort) {
        query.sort(sort);
        return this;
    }

    public Find skip(int skip) {
        query.skip(skip);
        return this;
    }

    public Find limit(int limit) {
        query.limit(limit);
        return this;
    }

    public Find batchSize(int batchSize) {
        query.batchSize(batchSize);
        return this;
    }
}
