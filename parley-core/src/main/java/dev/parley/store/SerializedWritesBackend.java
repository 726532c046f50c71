package dev.parley.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.ArrayList;

/**
 * Makes every write command of the embedded server atomic with respect to the other commands.
 *
 * <p>mongo-java-server applies an update while other connections read, so a reader can see a
 * document half-updated (its new {@code rev} with its old fields), and an optimistic write based
 * on that read silently drops what the other writer added. A real MongoDB never shows a partial
 * document update; this wrapper gives the embedded server the same guarantee with a read/write
 * lock: writes run one at a time, reads run together but never during a write. Found by a test
 * of two processes racing on the same messages.
 *
 * <p>With a durable store it also answers an acknowledged write only once the write is on disk
 * ({@link DurableReplies}): the write is applied under the lock, the flush is requested after the
 * lock is released, so the writers that arrive meanwhile share it.
 */
final class SerializedWritesBackend extends ForwardingBackend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "findAndModify",
            "createIndexes", "dropIndexes", "drop", "dropDatabase", "create", "renameCollection");

    private final boolean copyReplies;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Pins the store's version for the length of a read (H2), null when reads need no pin. */
    private final Supplier<Runnable> readPin;
    /** Makes applied writes durable (H2 commit + fsync), null for a store that keeps nothing. */
    private final GroupSync durability;

    /**
     * @param copyReplies false for a backend that never edits a stored document in place
     *                    ({@link SnapshotH2Collection}): its replies cannot change after the lock is released
     */
    SerializedWritesBackend(MongoBackend delegate, boolean copyReplies, Supplier<Runnable> readPin, GroupSync durability) {
        super(delegate);
        this.copyReplies = copyReplies;
        this.readPin = readPin;
        this.durability = durability;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document command = message.getDocument();
        String name = command == null || command.isEmpty() ? null : command.keySet().iterator().next();
        boolean write = name != null && WRITES.contains(name);
        Document reply;
        if (copyReplies) {
            // a reply holds references to stored documents and is serialised after this returns:
            // copy it while no write can change them
            reply = locked(write, () -> write ? delegate.handleMessage(message) : deepCopy(delegate.handleMessage(message)));
        } else {
            // stored documents are never edited in place: a reply needs no copy, nor does a find's result
            reply = locked(write, () -> "find".equals(name)
                    ? SnapshotH2Collection.answeringFind(() -> delegate.handleMessage(message)) : delegate.handleMessage(message));
        }
        if (write) {
            holdUntilDurable(message.getChannel(), command);
        }
        return reply;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        boolean write = WRITES.contains(command);
        Document reply = locked(write, () -> delegate.handleCommand(channel, database, command, query));
        if (write) {
            holdUntilDurable(channel, query);
        }
        return reply;
    }

    private void holdUntilDurable(Channel channel, Document command) {
        if (durability != null && channel != null && DurableReplies.wanted(command)) {
            DurableReplies.holdNextReply(channel, durability.request());
        }
    }

    private <T> T locked(boolean write, Supplier<T> action) {
        Lock held = write ? lock.writeLock() : lock.readLock();
        held.lock();
        Runnable unpin = write || readPin == null ? null : readPin.get();
        try {
            return action.get();
        } finally {
            if (unpin != null) {
                unpin.run();
            }
            held.unlock();
        }
    }

    private static Document deepCopy(Document document) {
        if (document == null) {
            return null;
        }
        Document copy = new Document();
        document.forEach((key, value) -> copy.put(key, copyValue(value)));
        return copy;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Document nested) {
            return deepCopy(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copyValue(item)));
            return copy;
        }
        return value;
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return locked(false, () -> delegate.handleQuery(query));
    }

    @Override
    public void dropDatabase(String database) {
        locked(true, () -> {
            delegate.dropDatabase(database);
            return null;
        });
    }

    /** Flushes what was asked for, then closes the store: never a flush on a closed store. */
    @Override
    public void close() {
        if (durability != null) {
            durability.close();
        }
        delegate.close();
    }
}
