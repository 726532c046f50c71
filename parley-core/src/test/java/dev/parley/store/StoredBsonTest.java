package dev.parley.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored documents decode exactly as mongo-java-server decodes them, with field names shared between documents. */
class StoredBsonTest {

    private static Document sample(int n) {
        Document nested = new Document("status", "sent").append("at", Instant.ofEpochMilli(1_700_000_000_000L + n));
        List<Object> items = new ArrayList<>(List.of(1, 2L, "three", nested, List.of("deep", 4.5)));
        return new Document("_id", "acme|" + n).append("seq", (long) n).append("content", "مرحباً بك " + n)
                .append("ok", n % 2 == 0).append("none", null).append("ratio", n / 3.0)
                .append("changes", new Document("before", new Document("status", "draft")).append("after", nested))
                .append("items", items).append("oid", new ObjectId())
                .append("price", new de.bwaldvogel.mongo.bson.Decimal128(new BigDecimal("12.50")))
                .append("empty", new Document()).append("nothing", List.of())
                .append("اسم", "a field named in Arabic").append("k".repeat(100), "a long name");
    }

    private static byte[] bson(Document doc) {
        return BsonDocumentType.encode(doc);
    }

    @Test
    void decodesEveryTypeAsTheStockDecoderDoes() {
        for (int n = 0; n < 50; n++) {
            byte[] bytes = bson(sample(n));
            Document stock = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
            Document ours = StoredBson.document(Unpooled.wrappedBuffer(bytes));
            assertThat(ours).isEqualTo(stock);
            assertThat(new ArrayList<>(ours.keySet())).isEqualTo(new ArrayList<>(stock.keySet()));
            assertThat(ours.get("items")).isInstanceOf(ArrayList.class).isEqualTo(stock.get("items"));
        }
    }

    @Test
    void shortAsciiNamesAreSharedBetweenDocuments() {
        Document first = StoredBson.document(Unpooled.wrappedBuffer(bson(sample(1))));
        Document second = StoredBson.document(Unpooled.wrappedBuffer(bson(sample(2))));
        String contentOfFirst = first.keySet().stream().filter("content"::equals).findFirst().orElseThrow();
        String contentOfSecond = second.keySet().stream().filter("content"::equals).findFirst().orElseThrow();
        assertThat(contentOfSecond).isSameAs(contentOfFirst);
        Document nestedFirst = (Document) first.get("changes");
        Document nestedSecond = (Document) second.get("changes");
        assertThat(((Document) nestedSecond.get("before")).get("status")).isEqualTo("draft")
                .isSameAs(((Document) nestedFirst.get("before")).get("status")); // short values too
        assertThat(second.get("content")).isEqualTo("مرحباً بك 2"); // Arabic text is decoded, not shared
        Map<?, ?> nested = (Map<?, ?>) second.get("changes");
        assertThat(nested.containsKey("before")).isTrue();
        assertThat(second).containsKey("k".repeat(100)).containsKey("اسم");
    }
}
