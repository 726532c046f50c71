package dev.parley.store;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded H2 store with value-ordered index maps, including files written by the stock backend. */
class TypedH2BackendTest {

    @TempDir
    Path dir;

    @Test
    void opensFilesOfTheStockBackendAndKeepsTheirIndexes() {
        String file = dir.resolve("old.mv.db").toString();
        withServer(new H2Backend(file), c -> {
            c.createIndex(Indexes.ascending("organization_id", "message_id"), new IndexOptions().unique(true));
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                docs.add(new Document("_id", "t" + (i % 7) + "|m" + i).append("organization_id", "t" + (i % 7)).append("message_id", "m" + i));
            }
            c.insertMany(docs);
        });
        withServer(new TypedH2Backend(file, 64), c -> {
            assertThat(c.countDocuments()).isEqualTo(500);
            assertThat(c.find(new Document("_id", "t3|m10")).first()).containsEntry("message_id", "m10");
            assertThat(c.find(new Document("organization_id", "t4").append("message_id", "m11")).first()).containsEntry("_id", "t4|m11");
            assertThatThrownBy(() -> c.insertOne(new Document("_id", "t3|m10")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> c.insertOne(new Document("_id", "other").append("organization_id", "t4").append("message_id", "m11")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            c.insertOne(new Document("_id", "t9|new").append("organization_id", "t9").append("message_id", "new"));
        });
        withServer(new TypedH2Backend(file, 64), c -> {
            assertThat(c.countDocuments()).isEqualTo(501);
            assertThat(c.find(new Document("organization_id", "t9").append("message_id", "new")).first()).isNotNull();
            List<String> ids = List.of("t0|m0", "t1|m1", "t9|new", "t2|m499", "missing");
            assertThat(c.find(new Document("_id", new Document("$in", ids))).into(new ArrayList<>())).hasSize(4);
            c.dropIndex("organization_id_1_message_id_1");
            c.insertOne(new Document("_id", "dup").append("organization_id", "t9").append("message_id", "new"));
        });
    }

    @Test
    void keepsEveryBsonTypeAcrossARestart() {
        String file = dir.resolve("types.mv.db").toString();
        Document original = new Document("_id", new org.bson.types.ObjectId())
                .append("text", "مرحبا hello").append("int", 7).append("long", 1L << 40).append("double", 2.5)
                .append("decimal", new org.bson.types.Decimal128(new java.math.BigDecimal("12.34")))
                .append("bool", true).append("null", null).append("date", new java.util.Date(1_700_000_000_123L))
                .append("binary", new org.bson.types.Binary(new byte[]{1, 2, 3}))
                .append("list", List.of(1, "two", new Document("three", List.of(3.0))))
                .append("nested", new Document("deeper", new Document("deepest", "x")));
        withServer(new TypedH2Backend(file, 16), c -> c.insertOne(original));
        withServer(new TypedH2Backend(file, 16), c -> assertThat(c.find().first()).isEqualTo(original));
    }

    @Test
    void keepsIndexKeysOfMissingFieldsAndNestedValuesAcrossARestart() {
        String file = dir.resolve("keys.mv.db").toString();
        withServer(Boolean.getBoolean("stock") ? new H2Backend(file) : new TypedH2Backend(file, 16), c -> {
            c.createIndex(Indexes.ascending("a", "b"), new IndexOptions().unique(true));
            c.insertOne(new Document("_id", 1).append("b", 1));
            c.insertOne(new Document("_id", 2).append("a", new Document("x", List.of(1, 2))).append("b", new java.util.Date(5)));
        });
        withServer(Boolean.getBoolean("stock") ? new H2Backend(file) : new TypedH2Backend(file, 16), c -> {
            assertThatThrownBy(() -> c.insertOne(new Document("_id", 3).append("b", 1))).isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> c.insertOne(new Document("_id", 4).append("a", new Document("x", List.of(1, 2)))
                    .append("b", new java.util.Date(5)))).isInstanceOf(MongoWriteException.class);
            c.insertOne(new Document("_id", 5).append("a", new Document("x", List.of(1, 3))).append("b", new java.util.Date(5)));
            assertThat(c.countDocuments()).isEqualTo(3);
        });
    }

    /** Serves {@code backend} over the wire for {@code work} on {@code parley.messages}, then commits and stops. */
    static void withServer(H2Backend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort() + "/?retryWrites=false")) {
            work.accept(client.getDatabase("parley").getCollection("messages"));
            backend.commit();
        } finally {
            server.shutdownNow();
        }
    }
}
