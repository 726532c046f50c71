package dev.parley.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server answers an acknowledged write only after a flush that covers it; a write
 * whose client said it needs no journal ({@code j: false}) is answered once applied.
 * (mongo-java-server refuses {@code w: 0} messages altogether: "flags=2 not yet supported".)
 */
class DurableRepliesTest {

    @TempDir
    Path dir;

    @Test
    void everyWriteConcernButUnacknowledgedOrJournalFalseWaitsForDisk() {
        assertThat(DurableReplies.wanted(insert())).isTrue();
        assertThat(DurableReplies.wanted(insert("w", 1))).isTrue();
        assertThat(DurableReplies.wanted(insert("w", "majority"))).isTrue();
        assertThat(DurableReplies.wanted(insert("j", true))).isTrue();
        assertThat(DurableReplies.wanted(insert("j", false, "fsync", true))).isTrue();
        assertThat(DurableReplies.wanted(insert("w", 0))).isFalse();
        assertThat(DurableReplies.wanted(insert("j", false))).isFalse();
    }

    /** An insert command as the server sees it, with a write concern of {@code name, value} pairs (none when empty). */
    private static de.bwaldvogel.mongo.bson.Document insert(Object... concern) {
        de.bwaldvogel.mongo.bson.Document command = new de.bwaldvogel.mongo.bson.Document("insert", "items");
        if (concern.length > 0) {
            de.bwaldvogel.mongo.bson.Document writeConcern = new de.bwaldvogel.mongo.bson.Document();
            for (int i = 0; i < concern.length; i += 2) {
                writeConcern.put((String) concern[i], concern[i + 1]);
            }
            command.put("writeConcern", writeConcern);
        }
        return command;
    }

    @Test
    void anAcknowledgedWriteIsAnsweredAfterAFlushThatStartedAfterIt() throws Exception {
        try (EmbeddedMongo server = EmbeddedMongo.standalone(dir.resolve("replies.mv.db"), 0);
             MongoClient durable = MongoClients.create(server.connectionString());
             MongoClient inMemory = MongoClients.create(server.connectionString() + "&journal=false")) {
            MongoCollection<Document> items = durable.getDatabase("d").getCollection("items");
            items.insertOne(new Document("_id", "warm-up"));
            for (int i = 0; i < 5; i++) {
                long before = server.durableFlushes();
                items.insertOne(new Document("_id", "durable-" + i));
                assertThat(server.durableFlushes()).as("flushes done when insert " + i + " was answered").isGreaterThan(before);
            }

            long before = server.durableFlushes();
            inMemory.getDatabase("d").getCollection("items").insertOne(new Document("_id", "j-false"));
            assertThat(server.durableFlushes()).as("j: false asks for no flush").isEqualTo(before);
            assertThat(items.countDocuments(new Document("_id", "j-false"))).isEqualTo(1);
        }
    }
}
