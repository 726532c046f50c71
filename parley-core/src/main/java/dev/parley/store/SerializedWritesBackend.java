package dev.parley.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Makes every write command of the embedded server atomic with respect to the others.
 *
 * <p>mongo-java-server finds the documents an update matches and then rewrites them without a
 * lock, so two concurrent conditional updates ({@code {rev: 5}} → {@code {rev: 6}}) from two
 * connections can both succeed and one is lost. A real MongoDB applies each document update
 * atomically; this wrapper gives the embedded server the same guarantee by running write
 * commands one at a time (reads stay concurrent). Found by a test of two processes racing on
 * the same messages.
 */
final class SerializedWritesBackend implements MongoBackend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "findAndModify",
            "createIndexes", "dropIndexes", "drop", "dropDatabase", "create", "renameCollection");

    private final MongoBackend delegate;
    private final Object writeLock = new Object();

    SerializedWritesBackend(MongoBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document command = message.getDocument();
        if (command != null && !command.isEmpty() && WRITES.contains(command.keySet().iterator().next())) {
            synchronized (writeLock) {
                return delegate.handleMessage(message);
            }
        }
        return delegate.handleMessage(message);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (WRITES.contains(command)) {
            synchronized (writeLock) {
                return delegate.handleCommand(channel, database, command, query);
            }
        }
        return delegate.handleCommand(channel, database, command, query);
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return delegate.handleQuery(query);
    }

    @Override
    public void dropDatabase(String database) {
        synchronized (writeLock) {
            delegate.dropDatabase(database);
        }
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
