package dev.parley.seeding;

import dev.parley.testing.TestParley;
import dev.parley.messages.HistoryQuery;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static long count(String tenant, String collection, Document filter) {
        return parley.store().scoped(tenant, collection).count(filter);
    }

    @Test
    void makesEveryKindOfDataOnceAndTheSameForTheSameSeed() {
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        DemoData.Made made = parley.get().demoData().create(new DemoData.Plan("seeded", 12, 8, 10, 7), now);

        assertThat(made.messages()).isEqualTo(96);
        assertThat(count("seeded", "conversations", new Document())).isGreaterThanOrEqualTo(13); // + the chat export's
        assertThat(count("seeded", "messages", new Document())).isEqualTo(96 + 3);
        assertThat(count("seeded", "messages", new Document("language", "ar"))).isPositive();
        assertThat(count("seeded", "messages", new Document("language", "en"))).isPositive();
        assertThat(made.statuses()).isPositive();
        assertThat(count("seeded", "audit_logs", new Document())).isGreaterThanOrEqualTo(12);
        assertThat(count("seeded", "events", new Document())).isEqualTo(24);
        assertThat(parley.get().tenant("seeded").imports().metadata().recent(5)).hasSize(1);
        assertThat(parley.get().tenant("seeded").analytics().daily("campaigns_executed", 30, ZoneId.of("UTC"), Map.of())).isNotEmpty();
        assertThat(parley.get().tenant("seeded").messages().search("الطلب OR order", null, 5, null).messages()).isNotEmpty();

        parley.get().demoData().create(new DemoData.Plan("seeded", 12, 8, 10, 7), now);
        assertThat(count("seeded", "messages", new Document())).isEqualTo(96 + 3);
        assertThat(count("seeded", "events", new Document())).isEqualTo(24);

        parley.get().demoData().create(new DemoData.Plan("seeded-twin", 12, 8, 10, 7), now);
        assertThat(parley.get().tenant("seeded-twin").messages().get("msg-demo7-0-0").getString("content"))
                .isEqualTo(contentOf("seeded", "7-0-0"));
    }

    /** Issue 23: greeting, question, answer with the order number, follow-ups, thanks and goodbye; English and Arabic. */
    @Test
    void conversationsReadLikeCustomerService() {
        parley.get().demoData().create(new DemoData.Plan("talk", 10, 12, 5, 11), Instant.parse("2026-11-20T12:00:00Z"));
        var tenant = parley.get().tenant("talk");
        int arabic = 0;
        for (int c = 0; c < 10; c++) {
            String id = "demo-11-" + c;
            List<Document> messages = tenant.messages().history(id, new HistoryQuery(50, null, null, true)).messages();
            assertThat(messages).hasSize(12);
            Document fields = tenant.conversations().get(id).get("metadata", Document.class).get("custom_fields", Document.class);
            String order = fields.getString("order_id");
            List<String> texts = messages.stream().map(m -> m.getString("content")).toList();
            assertThat(texts.get(0).length()).as("a greeting first: " + texts.get(0)).isLessThan(30);
            assertThat(texts.get(1)).as("the agent greets the customer by name").contains(fields.getString("customer"));
            assertThat(texts).anySatisfy(text -> assertThat(text).contains(order)); // the conversation's own order number
            assertThat(texts.subList(2, 12)).allSatisfy(text -> assertThat(text).containsAnyOf(".", "?", "!", "؟", "،"));
            assertThat(messages.get(11).getString("direction")).isEqualTo("outbound"); // the agent says goodbye
            assertThat(new java.util.HashSet<>(texts)).hasSize(12);
            if ("ar".equals(messages.get(0).getString("language"))) {
                arabic++;
                assertThat(texts).allSatisfy(text -> assertThat(text).containsPattern("[\\u0600-\\u06FF]"));
            }
        }
        assertThat(arabic).isBetween(1, 9);
        assertThat(tenant.messages().search("refund OR delivery OR appointment OR الطلب OR الحجز", null, 5, null).messages()).isNotEmpty();
    }

    private static String contentOf(String tenant, String suffix) {
        for (String prefix : new String[] {"msg-demo", "wamid.demo"}) {
            var found = parley.store().scoped(tenant, "messages").get(prefix + suffix);
            if (found.isPresent()) {
                return found.get().getString("content");
            }
        }
        return null;
    }
}
