package dev.parley.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Filters on {@code _id} plus other fields, answered by key on both embedded backends, mean what they mean on MongoDB. */
class IdFirstQueryTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "memory"})
    void aFilterOnIdAndMoreFindsTheDocumentOnlyWhenTheRestMatches(String backend) {
        try (EmbeddedMongo server = EmbeddedMongo.standalone(backend.equals("h2") ? dir.resolve("id-first.mv.db") : null, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("parley").getCollection("versioned");
            List<Document> batch = new ArrayList<>();
            for (int n = 0; n < 500; n++) {
                batch.add(new Document("_id", "t|m-" + n).append("rev", 1L).append("status", "sent").append("n", n));
            }
            docs.insertMany(batch);

            assertThat(docs.find(new Document("_id", "t|m-7").append("rev", 1L)).first()).containsEntry("n", 7);
            assertThat(docs.find(new Document("_id", "t|m-7").append("rev", 2L)).first()).isNull();
            assertThat(docs.find(new Document("_id", "t|m-7").append("status", new Document("$in", List.of("sent", "read")))).first())
                    .containsEntry("n", 7);
            assertThat(docs.find(new Document("_id", "t|none").append("rev", 1L)).first()).isNull();

            // the optimistic write: a replacement conditional on the rev it was read at
            assertThat(docs.replaceOne(new Document("_id", "t|m-7").append("rev", 1L),
                    new Document("_id", "t|m-7").append("rev", 2L).append("status", "read").append("n", 7)).getMatchedCount()).isEqualTo(1);
            assertThat(docs.replaceOne(new Document("_id", "t|m-7").append("rev", 1L),
                    new Document("_id", "t|m-7").append("rev", 2L).append("status", "lost race").append("n", 7)).getMatchedCount())
                    .as("a write based on a stale rev misses").isZero();
            assertThat(docs.find(new Document("_id", "t|m-7")).first()).containsEntry("status", "read").containsEntry("rev", 2L);
            assertThat(docs.updateOne(new Document("_id", "t|m-8").append("rev", 1L), new Document("$set", new Document("status", "read")))
                    .getModifiedCount()).isEqualTo(1);
            assertThat(docs.replaceOne(new Document("_id", "t|m-9").append("rev", 5L), new Document("status", "x"),
                    new ReplaceOptions().upsert(false)).getMatchedCount()).isZero();

            // expressions on _id keep their meaning (answered by a scan, as before)
            assertThat(docs.countDocuments(new Document("_id", new Document("$in", List.of("t|m-1", "t|m-2", "t|m-7"))).append("rev", 1L)))
                    .isEqualTo(2);
        }
    }
}
