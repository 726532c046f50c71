package dev.parley.scans;

import dev.parley.messages.MessageStatus;
import dev.parley.messages.Messages;
import dev.parley.messages.StatusEvent;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class StatusScanTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static final Instant T0 = Instant.parse("2025-12-30T15:00:00Z");

    /** Pages handed out newest first, counting how many were read. */
    private static final class Pages implements StatusSource {
        final List<StatusPage> pages;
        int read;

        Pages(StatusPage... pages) {
            this.pages = List.of(pages);
        }

        @Override
        public String name() {
            return "n8n";
        }

        @Override
        public void read(Predicate<StatusPage> consumer) {
            for (StatusPage page : pages) {
                read++;
                if (!consumer.test(page)) {
                    return;
                }
            }
        }
    }

    static StatusEvent event(String id, MessageStatus status, int minute, String execution, String recipient) {
        return new StatusEvent(id, status, T0.plusSeconds(minute * 60L), execution, recipient, "n8n", null, true,
                new Document("workflow_id", "wf-1"));
    }

    static StatusPage page(Instant oldestRunAt, StatusEvent... events) {
        return new StatusPage(List.of(events), events.length, 0, oldestRunAt);
    }

    private static ScanResult scan(ScanFilter filter, StatusSource source) {
        return new StatusScan(filter).run(source, line -> { });
    }

    @Test
    void deduplicatesAndListsNewestFirst() {
        Pages source = new Pages(
                page(T0.plusSeconds(600), event("m2", MessageStatus.READ, 9, "e9", "u2"), event("m1", MessageStatus.READ, 5, "e5", "u1"),
                        event("m1", MessageStatus.READ, 5, "e5", "u1")), // the same webhook seen by two nodes
                page(T0, event("m1", MessageStatus.SENT, 1, "e1", "u1"), event("m2", MessageStatus.DELIVERED, 8, "e8", "u2"),
                        event("m1", MessageStatus.DELIVERED, 2, "e2", "u1")));
        ScanResult result = scan(new ScanFilter(null, null, null, 0), source);

        assertThat(result.messages()).extracting(ScannedMessage::messageId).containsExactly("m2", "m1");
        ScannedMessage m1 = result.messages().get(1);
        assertThat(m1.events()).extracting(e -> e.status().wire()).containsExactly("sent", "delivered", "read");
        assertThat(m1.latest().executionId()).isEqualTo("e5");
        assertThat(m1.conversationId()).isEqualTo("u1");
        assertThat(m1.workflowId()).isEqualTo("wf-1");
        assertThat(result.statuses()).isEqualTo(5);
        assertThat(result.pages()).isEqualTo(2);
    }

    @Test
    void aLateLowerStatusDoesNotHideTheLatest() {
        ScannedMessage message = new ScannedMessage("m", List.of(event("m", MessageStatus.READ, 2, "e2", "u"),
                event("m", MessageStatus.DELIVERED, 3, "e3", "u")));
        assertThat(message.latest().status()).isEqualTo(MessageStatus.READ);
    }

    @Test
    void filtersByConversationSinceAndCount() {
        Pages source = new Pages(page(null, event("a", MessageStatus.SENT, 1, "e1", "u1"), event("b", MessageStatus.SENT, 2, "e2", "u2"),
                event("c", MessageStatus.SENT, 3, "e3", "u1"), event("d", MessageStatus.SENT, 4, "e4", "u1")));
        assertThat(scan(new ScanFilter("u1", null, null, 0), source).messages()).extracting(ScannedMessage::messageId)
                .containsExactly("d", "c", "a");
        assertThat(scan(new ScanFilter("u1", null, null, 2), source).messages()).extracting(ScannedMessage::messageId)
                .containsExactly("d", "c");
        assertThat(scan(new ScanFilter(null, null, T0.plusSeconds(120), 0), source).messages()).extracting(ScannedMessage::messageId)
                .containsExactly("d", "c", "b");
        assertThat(scan(new ScanFilter("u2", "b", null, 50), source).messages()).extracting(ScannedMessage::messageId)
                .containsExactly("b");
    }

    @Test
    void stopsReadingOncePagesAreOlderThanSince() {
        Pages source = new Pages(page(T0.plusSeconds(3600), event("a", MessageStatus.READ, 60, "e3", "u")),
                page(T0, event("a", MessageStatus.SENT, 0, "e1", "u")),
                page(T0.minusSeconds(7200), event("z", MessageStatus.SENT, -120, "e0", "u")));
        ScanResult result = scan(new ScanFilter(null, null, T0.plusSeconds(1200), 0), source);
        assertThat(source.read).isEqualTo(2);
        assertThat(result.messages()).extracting(ScannedMessage::messageId).containsExactly("a");
    }

    @Test
    void trackModeStopsOnceTheMessagesHistoryIsSettled() {
        Pages source = new Pages(page(null, event("x", MessageStatus.READ, 9, "e9", "u")),
                page(null, event("m", MessageStatus.READ, 5, "e5", "u")),
                page(null, event("m", MessageStatus.SENT, 1, "e1", "u")),
                page(null, event("y", MessageStatus.SENT, 0, "e0", "u")),
                page(null, event("m", MessageStatus.PENDING, 0, "e0", "u")));
        ScanResult result = scan(new ScanFilter("u", "m", null, 50), source);
        assertThat(source.read).isEqualTo(4);
        assertThat(result.messages()).hasSize(1);
        assertThat(result.messages().get(0).events()).extracting(StatusEvent::executionId).containsExactly("e1", "e5");
    }

    @Test
    void savesWithSeed002UpsertRules() throws Exception {
        Messages messages = parley.get().tenant("scan-save").messages();
        Pages source = new Pages(page(null, event("wamid.S", MessageStatus.DELIVERED, 2, "e2", "966540401445"),
                event("wamid.S", MessageStatus.SENT, 1, "e1", "966540401445")));
        ScanResult result = scan(new ScanFilter(null, null, null, 50), source);
        assertThat(StatusScan.save(messages, result)).isEqualTo(2);

        Document first = messages.get("wamid.S");
        assertThat(first.getString("status")).isEqualTo("delivered");
        assertThat(first.getString("workflow_id")).isEqualTo("wf-1");
        assertThat(first.getList("status_history", Document.class)).extracting(h -> h.getString("execution_id"))
                .containsExactly("e1", "e2");
        assertThat(first.getDate("last_scanned_at")).isNotNull();
        assertThat(first.getList("status_history", Document.class)).allMatch(h -> "n8n".equals(h.getString("source")));

        // the same scan again changes nothing but last_scanned_at
        Thread.sleep(5);
        StatusScan.save(messages, scan(new ScanFilter(null, null, null, 50), source));
        Document again = messages.get("wamid.S");
        assertThat(again.getDate("last_scanned_at")).isAfter(first.getDate("last_scanned_at"));
        assertThat(again.getDate("last_updated_at")).isEqualTo(first.getDate("last_updated_at"));
        assertThat(again.getInteger("status_count")).isEqualTo(2);

        // a new status updates history, latest status and last_updated_at
        StatusScan.save(messages, scan(new ScanFilter(null, null, null, 50),
                new Pages(page(null, event("wamid.S", MessageStatus.READ, 3, "e3", "966540401445")))));
        Document read = messages.get("wamid.S");
        assertThat(read.getString("status")).isEqualTo("read");
        assertThat(read.getInteger("status_count")).isEqualTo(3);
        assertThat(read.getDate("last_updated_at")).isAfter(first.getDate("last_updated_at"));
    }

    @Test
    void exportsSeed002Documents() {
        String tenant = "scan-export";
        parley.get().tenants().create(tenant, null, "Asia/Riyadh");
        Messages messages = parley.get().tenant(tenant).messages();
        StatusScan.save(messages, scan(new ScanFilter(null, null, null, 0), new Pages(page(null,
                new StatusEvent("wamid.E", MessageStatus.SENT, Instant.ofEpochSecond(1767106880), "25202", "966540401445", "n8n", null,
                        true, new Document("workflow_id", "tc3qpQJxlWVVTjeq")),
                new StatusEvent("wamid.E", MessageStatus.READ, Instant.ofEpochSecond(1767106892), "25204", "966540401445", "n8n", null,
                        true, new Document("workflow_id", "tc3qpQJxlWVVTjeq"))))));
        messages.log(new Document("message_id", "no-status").append("conversation_id", "c").append("content", "hi"));

        List<Document> exported = new ArrayList<>();
        assertThat(Seed002Documents.export(parley.get().tenant(tenant).messages(), parley.get().tenant(tenant).timeZone(), exported::add))
                .isEqualTo(1);
        Document doc = exported.get(0);
        assertThat(new ArrayList<>(doc.keySet())).containsExactly("messageId", "conversation_id", "latestStatus", "latestTimestamp",
                "latestTimestampFormatted", "statusHistory", "workflowId", "statusCount", "firstSeenAt", "lastUpdatedAt", "lastScannedAt");
        assertThat(doc.get("latestStatus")).isEqualTo("read");
        assertThat(doc.get("latestTimestamp")).isEqualTo(1767106892L);
        assertThat(doc.get("latestTimestampFormatted")).isEqualTo("2025-12-30 18:01"); // Asia/Riyadh, as seed 002
        assertThat(doc.get("workflowId")).isEqualTo("tc3qpQJxlWVVTjeq");
        assertThat(doc.get("statusCount")).isEqualTo(2);
        Document sent = doc.getList("statusHistory", Document.class).get(0);
        assertThat(sent).isEqualTo(new Document("status", "sent").append("timestamp", 1767106880L)
                .append("timestampFormatted", "2025-12-30 18:01").append("executionId", "25202").append("conversation_id", "966540401445"));
        assertThat(doc.getDate("lastScannedAt")).isNotNull();
        assertThat(Seed002Documents.toJson(doc)).contains("\"latestTimestamp\": 1767106892").contains("\"lastScannedAt\": {\"$date\": \"");

        // what export writes, the jsonl source reads back
        List<StatusEvent> events = new ArrayList<>();
        JsonlStatuses.parseLine(Seed002Documents.toJson(doc), events);
        assertThat(events).extracting(StatusEvent::executionId).containsExactly("25202", "25204");
    }
}
