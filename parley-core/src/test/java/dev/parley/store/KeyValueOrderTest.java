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
}
