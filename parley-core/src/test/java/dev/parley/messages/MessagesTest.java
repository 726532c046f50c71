package dev.parley.messages;

import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static final Instant T0 = Instant.parse("2025-12-30T15:01:20Z");

    private Messages messages(String tenant) {
        return parley.get().tenant(tenant).messages();
    }

    @Test
    void logsTheSeed000ShapeAndAcceptsItsNames() {
        String id = messages("acme").log(new Document("conversation_id", "conv-456").append("sender_id", "agent-789")
                .append("receiver_id", "contact-012").append("message_content", "Hello, how can I help?")
                .append("message_type", "text").append("status", "sent").append("campaign", "spring"));

        Document stored = messages("acme").get(id);
        assertThat(stored.getString("content")).isEqualTo("Hello, how can I help?");
        assertThat(stored.getString("organization_id")).isEqualTo("acme");
        assertThat(stored.getString("direction")).isEqualTo("outbound");
        assertThat(stored.getString("sender_type")).isEqualTo("agent");
        assertThat(stored.getString("role")).isEqualTo("assistant");
        assertThat(stored.getString("status")).isEqualTo("sent");
        assertThat(stored.getInteger("status_count")).isEqualTo(1);
        assertThat(stored.get("metadata", Document.class).getString("campaign")).isEqualTo("spring");
        assertThat(stored.getDate("first_seen_at")).isNotNull();
        assertThat(parley.get().tenant("acme").conversations().get("conv-456").getString("status")).isEqualTo("active");
    }

    @Test
    void seed000TypedLogAndUpdateStatus() {
        Messages m = messages("typed");
        String id = m.log("conv-1", "agent-1", "contact-1", "Hi", "text", "sent");
        m.updateStatus(id, "delivered", T0, null);

        assertThat(m.get(id).getString("status")).isEqualTo("delivered");
        assertThat(m.get(id).get("metadata", Document.class).getDate("delivered_at").toInstant()).isEqualTo(T0);
    }

    @ParameterizedTest
    @CsvSource({"direction,sideways", "sender_type,robot", "role,narrator", "message_type,hologram", "status,seen",
            "channel,pigeon"})
    void enumViolationsNameTheField(String field, String value) {
        Document message = new Document("conversation_id", "c").append("content", "x").append(field, value);

        assertThatThrownBy(() -> messages("acme").log(message))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }

    @Test
    void missingAndMistypedFieldsNameTheField() {
        assertThatThrownBy(() -> messages("acme").log(new Document("content", "x")))
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("conversation_id"));
        assertThatThrownBy(() -> messages("acme").log(new Document("conversation_id", "c")))
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("content"));
        assertThatThrownBy(() -> messages("acme").log(new Document("conversation_id", "c").append("content", "x")
                .append("created_at", "yesterday")))
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("created_at"));
        assertThatThrownBy(() -> messages("acme").log(new Document("conversation_id", "c").append("content", "x")
                .append("ai_metadata", new Document("tokens_used", "many"))))
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("ai_metadata.tokens_used"));
        assertThatThrownBy(() -> messages("acme").log(new Document("conversation_id", "c").append("content", "x")
                .append("company_id", "someone-else")))
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("organization_id"));
        assertThatThrownBy(() -> messages("acme").logAll(List.of(new Document("conversation_id", "c").append("content", "ok"),
                new Document("conversation_id", "c"))))
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("messages[1].content"));
    }

    @Test
    void loggingIsIdempotentOnMessageId() {
        Messages m = messages("idem");
        Document message = new Document("message_id", "wamid.X1").append("conversation_id", "c").append("content", "hi")
                .append("status", "sent").append("created_at", T0.toString());
        m.log(message);
        m.log(message);
        m.log(new Document(message));

        Document stored = m.get("wamid.X1");
        assertThat(stored.getInteger("status_count")).isEqualTo(1);
        assertThat(m.history("c", HistoryQuery.latest(10)).messages()).hasSize(1);
    }

    @Test
    void seed002UpsertRules() throws InterruptedException {
        Messages m = messages("rules");
        m.recordStatuses(List.of(new StatusEvent("wamid.R", MessageStatus.SENT, T0, "25202", "966540401445", "scan", null, true)));
        Document first = m.get("wamid.R");
        assertThat(first.getDate("first_seen_at")).isNotNull();
        assertThat(first.getDate("last_updated_at")).isNotNull();
        assertThat(first.getDate("last_scanned_at")).isNotNull();
        Thread.sleep(5);

        // nothing new, from a scan: only last_scanned_at moves
        m.recordStatuses(List.of(new StatusEvent("wamid.R", MessageStatus.SENT, T0, "25202", "966540401445", "scan", null, true)));
        Document rescanned = m.get("wamid.R");
        assertThat(rescanned.getDate("first_seen_at")).isEqualTo(first.getDate("first_seen_at"));
        assertThat(rescanned.getDate("last_updated_at")).isEqualTo(first.getDate("last_updated_at"));
        assertThat(rescanned.getDate("last_scanned_at")).isAfter(first.getDate("last_scanned_at"));
        Thread.sleep(5);

        // status changed: latest, history and last_updated_at move; first_seen_at stays
        m.recordStatuses(List.of(new StatusEvent("wamid.R", MessageStatus.DELIVERED, T0.plusSeconds(5), "25203", "966540401445",
                "webhook", null, false)));
        Document changed = m.get("wamid.R");
        assertThat(changed.getString("status")).isEqualTo("delivered");
        assertThat(changed.getInteger("status_count")).isEqualTo(2);
        assertThat(changed.getDate("first_seen_at")).isEqualTo(first.getDate("first_seen_at"));
        assertThat(changed.getDate("last_updated_at")).isAfter(rescanned.getDate("last_updated_at"));
        assertThat(changed.getDate("last_scanned_at")).isEqualTo(rescanned.getDate("last_scanned_at"));

        // a duplicate that is not a scan changes nothing at all
        m.recordStatuses(List.of(new StatusEvent("wamid.R", MessageStatus.DELIVERED, T0.plusSeconds(5), "25203", null,
                "webhook", null, false)));
        assertThat(m.get("wamid.R")).isEqualTo(changed);
    }

    @Test
    void theLatestStatusNeverMovesBackwards() {
        Messages m = messages("forward");
        m.recordStatuses(List.of(new StatusEvent("a", MessageStatus.READ, T0.plusSeconds(10), null, "c", null, null, false)));
        m.recordStatuses(List.of(new StatusEvent("a", MessageStatus.DELIVERED, T0.plusSeconds(5), null, "c", null, null, false)));
        m.recordStatuses(List.of(new StatusEvent("a", MessageStatus.SENT, T0, null, "c", null, null, false)));
        assertThat(m.get("a").getString("status")).isEqualTo("read");
        assertThat(m.get("a").getDate("latest_timestamp").toInstant()).isEqualTo(T0.plusSeconds(10));
        assertThat(m.get("a").getInteger("status_count")).isEqualTo(3);

        Document error = new Document("code", 131026).append("title", "Message undeliverable");
        m.recordStatuses(List.of(new StatusEvent("b", MessageStatus.FAILED, T0, null, "c", null, error, false)));
        m.recordStatuses(List.of(new StatusEvent("b", MessageStatus.READ, T0.plusSeconds(60), null, "c", null, null, false)));
        Document failed = m.get("b");
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getList("status_history", Document.class)).extracting(d -> d.getString("status"))
                .containsExactly("failed", "read");
        assertThat(failed.getList("errors", Document.class)).containsExactly(error);
    }

    @Test
    void aStatusBeforeTheBodyCreatesTheMessageAndTheBodyFillsItIn() {
        Messages m = messages("early");
        m.recordStatuses(List.of(new StatusEvent("wamid.E", MessageStatus.DELIVERED, T0, null, "c-early", "webhook", null, false)));
        m.log(new Document("message_id", "wamid.E").append("conversation_id", "c-early").append("content", "late body")
                .append("created_at", T0.minusSeconds(3).toString()));

        Document stored = m.get("wamid.E");
        assertThat(stored.getString("content")).isEqualTo("late body");
        assertThat(stored.getString("status")).isEqualTo("delivered");
        assertThat(stored.getDate("created_at").toInstant()).isEqualTo(T0.minusSeconds(3));
        assertThat(m.history("c-early", HistoryQuery.latest(10)).messages()).hasSize(1);
    }

    @Test
    void historyPagesWithCursorsInBothDirections() {
        Messages m = messages("history");
        List<Document> batch = new ArrayList<>();
        for (int i = 1; i <= 450; i++) {
            batch.add(new Document("message_id", "h" + i).append("conversation_id", "long").append("content", "n" + i)
                    .append("created_at", T0.plusSeconds(i).toString()));
        }
        m.logAll(batch.subList(0, 300));
        m.logAll(batch.subList(300, 450));

        HistoryPage newest = m.history("long", HistoryQuery.latest(50));
        assertThat(newest.messages()).extracting(d -> d.getString("message_id")).startsWith("h450", "h449").endsWith("h401");
        assertThat(newest.hasMore()).isTrue();
        HistoryPage older = m.history("long", new HistoryQuery(200, newest.nextCursor(), null, false));
        assertThat(older.messages()).extracting(d -> d.getString("message_id")).startsWith("h400").endsWith("h201");
        HistoryPage oldest = m.history("long", new HistoryQuery(200, older.nextCursor(), null, false));
        assertThat(oldest.messages()).hasSize(200).last().satisfies(d -> assertThat(d.getString("message_id")).isEqualTo("h1"));
        assertThat(oldest.hasMore()).isFalse();

        HistoryPage ascending = m.history("long", new HistoryQuery(3, null, null, true));
        assertThat(ascending.messages()).extracting(d -> d.getString("message_id")).containsExactly("h1", "h2", "h3");
        HistoryPage next = m.history("long", new HistoryQuery(3, null, ascending.nextCursor(), true));
        assertThat(next.messages()).extracting(d -> d.getString("message_id")).containsExactly("h4", "h5", "h6");

        assertThatThrownBy(() -> m.history("nope", HistoryQuery.latest(5))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> m.history("long", new HistoryQuery(5, "!!", null, false)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void seed002QueriesAndCounts() {
        Messages m = messages("queries");
        m.recordStatuses(List.of(
                new StatusEvent("q1", MessageStatus.SENT, T0, null, "966532127070", null, null, false),
                new StatusEvent("q2", MessageStatus.DELIVERED, T0.plusSeconds(1), null, "966532127070", null, null, false),
                new StatusEvent("q3", MessageStatus.READ, T0.plusSeconds(2), null, "966532127070", null, null, false),
                new StatusEvent("q4", MessageStatus.READ, T0.plusSeconds(3), null, "966540401445", null, null, false)));

        assertThat(m.statuses(new StatusQuery("966532127070", null, null, 100)))
                .extracting(d -> d.getString("message_id")).containsExactly("q3", "q2", "q1");
        assertThat(m.statuses(new StatusQuery(null, Set.of("sent", "delivered"), null, 100)))
                .extracting(d -> d.getString("message_id")).containsExactlyInAnyOrder("q1", "q2");
        assertThat(m.statuses(new StatusQuery(null, Set.of("read"), null, 100))).hasSize(2);
        assertThat(m.statuses(new StatusQuery(null, null, Instant.now().minusSeconds(3600), 100))).hasSize(4);
        assertThat(m.statuses(new StatusQuery(null, null, Instant.now().plusSeconds(3600), 100))).isEmpty();
        assertThat(m.statusCounts(List.of("conversation_id", "status"))).containsExactly(
                new Document("conversation_id", "966532127070").append("status", "delivered").append("count", 1),
                new Document("conversation_id", "966532127070").append("status", "read").append("count", 1),
                new Document("conversation_id", "966532127070").append("status", "sent").append("count", 1),
                new Document("conversation_id", "966540401445").append("status", "read").append("count", 1));
        assertThatThrownBy(() -> m.statusCounts(List.of("content"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void tenantsNeverSeeEachOthersMessages() {
        messages("owner").log(new Document("message_id", "secret").append("conversation_id", "private").append("content", "x")
                .append("status", "sent"));

        Messages intruder = messages("intruder");
        assertThatThrownBy(() -> intruder.get("secret")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> intruder.history("private", HistoryQuery.latest(5))).isInstanceOf(NotFoundException.class);
        assertThat(intruder.statuses(new StatusQuery(null, null, null, 100))).isEmpty();
        assertThat(intruder.statuses(new StatusQuery("private", null, null, 100))).isEmpty();
        assertThat(intruder.statusCounts(null)).isEmpty();
        intruder.updateStatus("secret", "read", T0, null);
        assertThat(messages("owner").get("secret").getString("status")).isEqualTo("sent");
    }

    @Test
    void timesAreFormattedInTheTenantsZone() {
        Document formatted = LocalTimes.withFormatted(new Document("latest_timestamp", java.util.Date.from(
                Instant.ofEpochSecond(1767106892))).append("status_history", List.of(new Document("timestamp",
                java.util.Date.from(Instant.ofEpochSecond(1767106880))))), java.time.ZoneId.of("Asia/Riyadh"));

        assertThat(formatted.getString("latest_timestamp_formatted")).isEqualTo("2025-12-30 18:01");
        assertThat(formatted.getList("status_history", Document.class).get(0).getString("timestamp_formatted"))
                .isEqualTo("2025-12-30 18:01");
    }
}
