package dev.parley.erasure;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as naming a person: numbers however written, names as whole words only. */
class MarkersTest {

    private final Markers markers = new Markers().phone("+966501234567").text("Ali").text("ali.h@example.com");

    @Test
    void aNumberIsFoundHoweverItIsWritten() {
        for (String written : List.of("966501234567", "+966 50 123 4567", "whatsapp:+966501234567", "(+966) 50-123-4567",
                "call ٩٦٦٥٠١٢٣٤٥٦٧ now", "To=whatsapp%3A%2B966501234567")) {
            assertThat(markers.names(written)).as(written).isTrue();
        }
        assertThat(markers.names("order 96650 shipped on 1234567")).isFalse();
        assertThat(markers.names("+966501234568")).isFalse();
    }

    @Test
    void namesAreWholeWordsInAnyCase() {
        assertThat(markers.names("Thanks, ALI!")).isTrue();
        assertThat(markers.names("علي and Ali")).isTrue();
        assertThat(markers.names("quality matters")).isFalse();
        assertThat(markers.names("Alia wrote")).isFalse();
        assertThat(markers.names("mail ali.h@example.com today")).isTrue();
    }

    @Test
    void redactionReplacesOnlyWhatNamesThem() {
        Redaction redaction = new Redaction(markers);
        Document clean = redaction.document(new Document("_id", "t|x").append("who", "Ali")
                .append("nested", new Document("note", "quality").append("+966501234567", "key names them"))
                .append("list", List.of("fine", "from 966501234567")), List.of("_id"));
        assertThat(clean.toJson()).doesNotContain("Ali").doesNotContain("966501234567").contains("quality").contains("fine");
        assertThat(redaction.replaced()).isEqualTo(3);
    }
}
