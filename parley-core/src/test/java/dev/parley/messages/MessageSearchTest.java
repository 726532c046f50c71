package dev.parley.messages;

import dev.parley.InvalidInputException;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 000's {@code search_messages}, through Parley's own index, on whichever server the suite runs against. */
class MessageSearchTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Messages messages(String tenant) {
        return parley.get().tenant(tenant).messages();
    }

    private static Document message(String id, String content, int minutes) {
        return new Document("message_id", id).append("conversation_id", "conv-" + id.charAt(0)).append("content", content)
                .append("created_at", java.util.Date.from(T0.plus(minutes, ChronoUnit.MINUTES)));
    }

    private List<String> ids(String tenant, String query) {
        return ids(messages(tenant).search(query, null, 100, null));
    }

    private static List<String> ids(SearchPage page) {
        return page.messages().stream().map(m -> m.getString("message_id")).toList();
    }

    @Test
    void seed000HelpOrSupportNewestFirst() {
        Messages m = messages("s-or");
        m.logAll(List.of(message("a1", "I need help with my order", 1), message("a2", "Contact support please", 2),
                message("a3", "Thanks, all good", 3), message("a4", "Support team is helping", 4)));

        assertThat(ids("s-or", "help OR support")).containsExactly("a4", "a2", "a1");
        assertThat(ids("s-or", "help support")).containsExactly("a4"); // AND: helping = help, Support = support
        assertThat(ids("s-or", "support -team")).containsExactly("a2");
    }

    @Test
    void phraseNeedsTheWordsInARow() {
        Messages m = messages("s-phrase");
        m.logAll(List.of(message("b1", "your order has shipped today", 1), message("b2", "order shipped? no, the order was cancelled and not shipped", 2)));

        assertThat(ids("s-phrase", "order shipped")).containsExactly("b2", "b1");
        assertThat(ids("s-phrase", "\"order shipped\"")).containsExactly("b2");
        assertThat(ids("s-phrase", "\"order has shipped\"")).containsExactly("b1");
        assertThat(ids("s-phrase", "-\"order shipped\" shipped")).containsExactly("b1");
    }

    @Test
    void phrasesAreFoundAtAnyPositionOfALongText() {
        Messages m = messages("s-long");
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 22; i++) {
            words.append("word").append((char) ('a' + i)).append(' '); // positions 0..21
        }
        String filler = words.toString();
        m.logAll(List.of(message("l1", filler + "order shipped after all", 1),  // the phrase at 22 and 23 (modulo 23: 22, 0)
                message("l2", filler + "shipped order", 2),                      // the words, not in a row
                message("l3", filler + filler + "extra order shipped", 3)));   // far beyond 23 words

        assertThat(ids("s-long", "\"order shipped\"")).containsExactly("l3", "l1");
        assertThat(ids("s-long", "\"shipped order\"")).containsExactly("l2");
    }

    @Test
    void prefixMatchesTheBeginningOfWords() {
        Messages m = messages("s-prefix");
        m.logAll(List.of(message("c1", "Refund requested", 1), message("c2", "refunds are processed in 5 days", 2),
                message("c3", "We received your request", 3)));

        assertThat(ids("s-prefix", "ref*")).containsExactly("c2", "c1");
        assertThat(ids("s-prefix", "req*")).containsExactly("c3", "c1");
        assertThatThrownBy(() -> ids("s-prefix", "r*")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("prefix");
    }

    @ParameterizedTest
    @CsvSource({
            "مرحبا بك في متجرنا, مرحباً",
            "مرحباً بك, مرحبا",
            "أحمد سيتصل بك, احمد",
            "احمد سيتصل بك, إحمد",
            "المدرسة مغلقة اليوم, مدرسة",
            "مدرسه جديدة, المدرسة",
            "مـرحبا يا صديقي, مرحبا",
            "الطلب رقم ٣ جاهز, 3",
            "The app supports Arabic, support",
            "Meet me at the Café, cafe",
    })
    void arabicAndEnglishFormsFindEachOther(String content, String query) {
        String tenant = "s-forms-" + Math.abs((content + query).hashCode());
        messages(tenant).logAll(List.of(message("d1", content, 1), message("d2", "nothing to see here", 2)));

        SearchPage page = messages(tenant).search(query, null, 10, null);
        assertThat(ids(page)).containsExactly("d1");
        assertThat(page.messages().get(0).getString("snippet")).contains("<mark>");
    }

    @Test
    void snippetMarksMatchesAndEscapesHtml() {
        Messages m = messages("s-snippet");
        m.log(message("e1", "<b>Urgent</b>: the refund for order 17 & more", 1));

        String snippet = m.search("refund", null, 5, null).messages().get(0).getString("snippet");
        assertThat(snippet).isEqualTo("&lt;b&gt;Urgent&lt;/b&gt;: the <mark>refund</mark> for order 17 &amp; more");
    }

    @Test
    void aTermOfOneTenantNeverReturnsAnothersMessages() {
        messages("s-tenant-a").log(message("f1", "secret launch plan", 1));
        messages("s-tenant-b").log(message("f2", "unrelated words", 1));

        assertThat(ids("s-tenant-b", "secret")).isEmpty();
        assertThat(ids("s-tenant-b", "launch OR unrelated")).containsExactly("f2");
        assertThat(ids("s-tenant-a", "secret")).containsExactly("f1");
    }

    @Test
    void editingReindexesAndStatusChangesKeepTheEntry() {
        Messages m = messages("s-edit");
        m.log(message("g1", "old wording here", 1));
        m.log(message("g1", "new phrasing instead", 1));
        m.updateStatus("g1", "delivered", T0.plusSeconds(600), null);

        assertThat(ids("s-edit", "wording")).isEmpty();
        assertThat(ids("s-edit", "phrasing")).containsExactly("g1");
        assertThat(m.get("g1")).doesNotContainKey("search_seq");
    }

    @Test
    void deletingAMessageTakesItOutOfTheIndexAndIsAudited() {
        Messages m = messages("s-delete");
        m.logAll(List.of(message("k1", "please erase my address", 1), message("k2", "my address changed", 2)));

        m.delete("k1");

        assertThat(ids("s-delete", "address")).containsExactly("k2");
        assertThat(ids("s-delete", "erase")).isEmpty();
        assertThatThrownBy(() -> m.get("k1")).isInstanceOf(dev.parley.NotFoundException.class);
        assertThatThrownBy(() -> m.delete("k1")).isInstanceOf(dev.parley.NotFoundException.class);
        assertThat(parley.get().tenant("s-delete").audit().resourceHistory("k1", 10))
                .extracting(e -> e.getString("action")).containsExactly("delete");
    }

    @Test
    void retentionTakesExpiredMessagesOutOfTheIndex() {
        Messages m = messages("s-retention");
        m.logAll(List.of(message("r1", "archived complaint about delivery", 1), // older than the default 90 days
                new Document("message_id", "r2").append("conversation_id", "conv-r").append("content", "recent delivery")));
        assertThat(ids("s-retention", "delivery")).containsExactly("r2", "r1");
        // stored long ago: retention counts from when Parley stored a message
        parley.store().scoped("s-retention", "messages").updateByKey("r1",
                new Document("$set", new Document("stored_at", java.util.Date.from(T0))), false);

        parley.get().retentionSweeper().run("s-retention", false);

        assertThat(ids("s-retention", "delivery")).containsExactly("r2");
        assertThat(ids("s-retention", "complaint OR archived")).isEmpty();
        long listed = 0;
        for (Document posting : parley.store().scoped("s-retention", "search_postings").find(new Document())) {
            listed += posting.getList("s", Object.class).size();
        }
        assertThat(listed).as("postings left: those of 'recent delivery'").isEqualTo(2);
    }

    @Test
    void filtersNarrowTheHits() {
        Messages m = messages("s-filter");
        m.logAll(List.of(message("h1", "invoice attached", 1).append("direction", "inbound"),
                message("h2", "invoice sent", 2).append("conversation_id", "conv-x").append("status", "sent"),
                message("h3", "invoice paid", 60 * 24 * 3)));

        assertThat(ids(m.search("invoice", new MessageSearchFilters("conv-x", null, null, null, null, null, null), 10, null)))
                .containsExactly("h2");
        assertThat(ids(m.search("invoice", new MessageSearchFilters(null, null, null, "inbound", null, null, null), 10, null)))
                .containsExactly("h1");
        assertThat(ids(m.search("invoice", new MessageSearchFilters(null, null, null, null, "sent", null, null), 10, null)))
                .containsExactly("h2");
        assertThat(ids(m.search("invoice", new MessageSearchFilters(null, null, null, null, null, T0.plus(2, ChronoUnit.DAYS), null), 10, null)))
                .containsExactly("h3");
        assertThat(ids(m.search("invoice", new MessageSearchFilters(null, null, null, null, null, null, T0.plus(2, ChronoUnit.MINUTES)), 10, null)))
                .containsExactly("h1");
    }

    @Test
    void cursorPagesThroughEveryHitOnce() {
        Messages m = messages("s-pages");
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            batch.add(message("p" + i, "ticket number " + i + (i % 3 == 0 ? " escalated" : ""), i * 90));
        }
        m.logAll(batch);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            SearchPage page = m.search("ticket", null, 10, cursor);
            seen.addAll(ids(page));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).hasSize(45).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("p44");
        assertThat(seen.get(44)).isEqualTo("p0");
        assertThat(ids("s-pages", "ticket escalated")).hasSize(15);
    }

    @Test
    void badQueriesAreRefusedWithTheField() {
        Messages m = messages("s-bad");
        assertThatThrownBy(() -> m.search(" ", null, 10, null)).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("q");
        assertThatThrownBy(() -> m.search("-alone", null, 10, null)).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("q");
        assertThatThrownBy(() -> m.search("the", null, 10, null)).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("q");
        assertThatThrownBy(() -> m.search("ok", null, 10, "garbage")).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("cursor");
        assertThatThrownBy(() -> m.search("ok", null, 0, null)).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("limit");
    }
}
