package dev.parley.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyValueOrderTest {

    /** The fast path for texts must keep the order index maps already hold on disk. */
    @Test
    void textsAreOrderedExactlyAsMongoJavaServerOrdersThem() {
        List<String> texts = List.of("", "a", "A", "ab", "b", "acme|wamid.1", "acme|wamid.10", "acme|wamid.2",
                "é", "e\u0301", "مرحبا", "\uD83D\uDE00", "\uFFFD", "z", "Z|", "1650555000");
        KeyValueOrder order = new KeyValueOrder();
        for (String x : texts) {
            for (String y : texts) {
                int expected = Integer.signum(ValueComparator.asc().compare(x, y));
                assertThat(Integer.signum(order.compare(new KeyValue(List.of(x)), new KeyValue(List.of(y)))))
                        .as("%s vs %s", x, y).isEqualTo(expected);
                assertThat(Integer.signum(order.compare(new KeyValue(List.of("t", x)), new KeyValue(List.of("t", y)))))
                        .as("compound %s vs %s", x, y).isEqualTo(expected);
            }
        }
        // a text against another type still follows MongoDB's type order
        assertThat(order.compare(new KeyValue(List.of("1")), new KeyValue(List.of(1)))).isPositive();
    }

    /** Keys of texts, dates, numbers, booleans and nulls are stored compactly and read back equal; others keep the BSON form. */
    @Test
    void keysComeBackAsTheyWereWritten() {
        KeyValueOrder order = new KeyValueOrder();
        List<KeyValue> keys = List.of(
                new KeyValue(java.util.Arrays.asList("acme", "read", java.time.Instant.ofEpochMilli(1_750_000_000_123L), "acme|wamid.1")),
                new KeyValue(java.util.Arrays.asList("مرحبا", null, 2.5, 7L, 3, true, false)),
                new KeyValue(List.of("acme", new de.bwaldvogel.mongo.bson.Document("nested", 1)))); // not compact: BSON
        for (KeyValue key : keys) {
            org.h2.mvstore.WriteBuffer buffer = new org.h2.mvstore.WriteBuffer();
            order.write(buffer, key);
            java.nio.ByteBuffer bytes = buffer.getBuffer();
            bytes.flip();
            Object read = order.read(bytes);
            assertThat(read).isEqualTo(key);
            assertThat(order.compare(read, key)).isZero();
        }
    }
}
