package dev.parley.store;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoIterable;

import java.util.Collection;
import java.util.Iterator;
import java.util.function.Function;

/**
 * What a query found, read through Parley's own type rather than the driver's builder: it can be
 * iterated, mapped and collected, never re-filtered, so the tenant filter a {@link ScopedCollection}
 * put in front of the query stays the query's filter.
 */
public class Found<T> implements Iterable<T> {

    private final MongoIterable<T> results;

    Found(MongoIterable<T> results) {
        this.results = results;
    }

    /** The first result, or null when there is none. */
    public T first() {
        return results.first();
    }

    /** Adds every result to {@code target} and returns it. */
    public <A extends Collection<? super T>> A into(A target) {
        return results.into(target);
    }

    /** The results, each passed through {@code mapper} as it is read. */
    public <U> Found<U> map(Function<T, U> mapper) {
        return new Found<>(results.map(mapper::apply));
    }

    /** An iterator over a server cursor: close it when leaving before its end. */
    public Cursor<T> cursor() {
        return new Cursor<>(results.cursor());
    }

    @Override
    public Iterator<T> iterator() {
        return cursor();
    }

    /** A server cursor read one result at a time; {@link #close()} releases it early. */
    public static final class Cursor<T> implements Iterator<T>, AutoCloseable {

        private final MongoCursor<T> cursor;

        Cursor(MongoCursor<T> cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean hasNext() {
            return cursor.hasNext();
        }

        @Override
        public T next() {
            return cursor.next();
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}
