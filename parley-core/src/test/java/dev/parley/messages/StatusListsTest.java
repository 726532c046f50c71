package dev.parley.messages;

import dev.parley.InvalidInputException;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seed 002's status lists and counts, read through the messages' indexes (on the embedded H2
 * server its ordered ones): the same answers as a scan of the messages computed here, after
 * shuffled, duplicated and out-of-order statuses from several threads; for messages stored
 * without the writer; after deletions; with stable cursors while messages move; per tenant.
 */
class StatusListsTest {

    @RegisterExtension
    static TestParley parley = TestParley.onH2(); // the embedded H2 server serves the lists from its ordered indexes

    private static final Instant BASE = Instant.parse("2026-01-27T10:30:00Z");
    private static final List<Set<String>> LISTS = List.of(Set.of("sent", "delivered"), Set.of("read"), Set.of("failed"),
            Set.of("pending", "sent", "delivered", "read", "played", "failed", "deleted"));

    private Messages messages(String tenant) {
        return parley.get().tenant(tenant).messages();
    }

    @Test
    void listsAndCountsEqualAScanAfterShuffledDuplicatedOutOfOrderStatuses() throws Exception {
        Messages m = messages("idx-replay");
        replay(m, 400, 3_000, new Random(7));

        assertSameAsScan(m, "idx-replay");
        List<Document> counts = m.statusCounts(null);
        // the same events again, in another order: nothing moves, no count changes
        replay(m, 400, 3_000, new Random(7));
        assertThat(m.statusCounts(null)).isEqualTo(counts);
        assertSameAsScan(m, "idx-replay");
    }

    @Test
    void messagesStoredWithoutTheWriterAreListedAndCountedAtOnce() throws Exception {
        Messages m = messages("idx-raw");
        replay(m, 200, 1_500, new Random(11));
        List<Document> counts = m.statusCounts(null);
        List<String> read = allPages(m, new StatusQuery(null, Set.of("read"), null, 7));
        // as a restore (or mongorestore) puts them back: straight into the collection
        var raw = parley.store().scoped("idx-raw-copy", "messages");
        List<Document> copies = new ArrayList<>();
        parley.store().scoped("idx-raw", "messages").find(new Document()).forEach(doc -> {
            Document copy = new Document(doc);
            copy.put("_id", raw.key(doc.getString("message_id")));
            copy.put("organization_id", "idx-raw-copy");
            copies.add(copy);
        });
        raw.insertAll(copies);

        Messages copied = messages("idx-raw-copy");
        assertThat(copied.statusCounts(null)).isEqualTo(counts);
        assertThat(allPages(copied, new StatusQuery(null, Set.of("read"), null, 7))).isEqualTo(read);
        assertSameAsScan(copied, "idx-raw-copy");
    }

    @Test
    void onlyARealMoveOfTheLatestStatusChangesCounts() {
        Messages m = messages("idx-moves");
        m.recordStatuses(List.of(event("x1", MessageStatus.DELIVERED, 10, "c-1")));
        m.recordStatuses(List.of(event("x1", MessageStatus.SENT, 5, "c-1"))); // late: history only
        m.recordStatuses(List.of(event("x1", MessageStatus.DELIVERED, 10, "c-1"))); // duplicate
        assertThat(m.get("x1").getInteger("status_count")).isEqualTo(2);
        assertThat(m.statusCounts(List.of("status"))).containsExactly(new Document("status", "delivered").append("count", 1));

        m.recordStatuses(List.of(event("x1", MessageStatus.READ, 20, "c-1")));
        assertThat(m.statusCounts(List.of("conversation_id", "status")))
                .containsExactly(new Document("conversation_id", "c-1").append("status", "read").append("count", 1));
        assertThat(m.statusCounts(List.of("status", "conversation_id")))
                .containsExactly(new Document("status", "read").append("conversation_id", "c-1").append("count", 1));
        assertThat(m.statusCounts(List.of("conversation_id"))).containsExactly(new Document("conversation_id", "c-1").append("count", 1));
        assertThat(m.statuses(new StatusQuery(null, Set.of("delivered"), null, 10))).isEmpty();
        assertThat(m.statuses(new StatusQuery(null, Set.of("read"), null, 10))).extracting(d -> d.getString("message_id"))
                .containsExactly("x1");
    }

    @Test
    void deletedMessagesLeaveListsAndCounts() {
        Messages m = messages("idx-delete");
        m.log(new Document("message_id", "d1").append("conversation_id", "c-1").append("content", "a").append("status", "sent"));
        m.log(new Document("message_id", "d2").append("conversation_id", "c-1").append("content", "b").append("status", "sent"));
        m.delete("d1");

        assertThat(m.statuses(new StatusQuery(null, Set.of("sent"), null, 10))).extracting(d -> d.getString("message_id"))
                .containsExactly("d2");
        assertThat(m.statusCounts(null)).containsExactly(new Document("conversation_id", "c-1").append("status", "sent").append("count", 1));
    }

    @Test
    void aCursorIsStableWhileMessagesMove() {
        Messages m = messages("idx-cursor");
        List<StatusEvent> delivered = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // m59 newest
            delivered.add(event("m" + String.format("%02d", i), MessageStatus.DELIVERED, i * 10L, "c-" + (i % 3)));
        }
        m.recordStatuses(delivered);
        StatusQuery query = new StatusQuery(null, Set.of("delivered", "read"), null, 10);

        StatusListPage first = m.statusPage(query, null);
        assertThat(first.messages()).extracting(d -> d.getString("message_id")).startsWith("m59", "m58").hasSize(10);
        List<String> seen = new ArrayList<>(ids(first));
        // while the client pages: an unseen message and a seen one are read (moving to the top), one fails (leaves)
        m.recordStatuses(List.of(event("m20", MessageStatus.READ, 10_000, "c-2"), event("m55", MessageStatus.READ, 10_001, "c-1"),
                event("m30", MessageStatus.FAILED, 10_002, "c-0")));
        String cursor = first.nextCursor();
        while (cursor != null) {
            StatusListPage page = m.statusPage(query, cursor);
            seen.addAll(ids(page));
            cursor = page.nextCursor();
        }

        List<String> expected = new ArrayList<>();
        for (int i = 59; i >= 0; i--) {
            expected.add("m" + String.format("%02d", i));
        }
        expected.remove("m30"); // no longer in the list: gone, not skipped by mistake
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(seen.indexOf("m20")).as("kept the place it had when paging started").isEqualTo(expected.indexOf("m20"));

        // a fresh start sees the new order: the two read messages first
        assertThat(ids(m.statusPage(query, null))).startsWith("m55", "m20");
        // a list the message left (delivered only) never shows it again, a list it joined shows it once
        List<String> readOnly = allPages(m, new StatusQuery(null, Set.of("read"), null, 1));
        assertThat(readOnly).containsExactly("m55", "m20");
    }

    @Test
    void filtersByConversationAndUpdatedSincePageLikeTheScan() throws Exception {
        Messages m = messages("idx-filters");
        replay(m, 150, 900, new Random(3));
        List<Document> all = scan("idx-filters");
        for (String conversation : List.of("c-0", "c-3", "nope")) {
            List<String> expected = all.stream().filter(d -> conversation.equals(d.getString("conversation_id"))
                    && Set.of("read", "played").contains(d.getString("status"))).map(d -> d.getString("message_id")).toList();
            assertThat(allPages(m, new StatusQuery(conversation, Set.of("read", "played"), null, 4))).isEqualTo(expected);
        }
        Instant since = Instant.now().minusSeconds(3_600);
        assertThat(allPages(m, new StatusQuery(null, null, since, 13))).isEqualTo(all.stream().map(d -> d.getString("message_id")).toList());
        assertThat(allPages(m, new StatusQuery(null, null, Instant.now().plusSeconds(3_600), 13))).isEmpty();
    }

    @Test
    void badInputIsRefusedWithTheField() {
        Messages m = messages("idx-bad");
        assertThatThrownBy(() -> m.statusPage(new StatusQuery(null, null, null, 10), "not-a-cursor"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> m.statusPage(new StatusQuery(null, null, null, 0), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> m.statusPage(new StatusQuery(null, Set.of("seen"), null, 10), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("status"));
        assertThatThrownBy(() -> m.statusCounts(List.of("status", "status")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("group_by"));
    }

    @Test
    void aTenantSeesOnlyItsOwnListsAndCounts() {
        messages("idx-owner").recordStatuses(List.of(event("shared-id", MessageStatus.READ, 1, "c-1")));
        messages("idx-other").recordStatuses(List.of(event("other-id", MessageStatus.SENT, 1, "c-1")));

        assertThat(messages("idx-other").statuses(new StatusQuery(null, null, null, 100))).extracting(d -> d.getString("message_id"))
                .containsExactly("other-id");
        assertThat(messages("idx-other").statuses(new StatusQuery("c-1", null, null, 100))).extracting(d -> d.getString("message_id"))
                .containsExactly("other-id");
        assertThat(messages("idx-other").statusCounts(null))
                .containsExactly(new Document("conversation_id", "c-1").append("status", "sent").append("count", 1));
        assertThat(messages("idx-owner").statusPage(new StatusQuery(null, null, null, 1), null).messages())
                .extracting(d -> d.getString("message_id")).containsExactly("shared-id");
        assertThat(messages("idx-nobody").statusCounts(null)).isEmpty();
    }

    /** {@code events} random statuses (some late, each sent three times) for {@code count} messages, shuffled, from 4 threads. */
    private static void replay(Messages m, int count, int events, Random random) throws Exception {
        List<StatusEvent> all = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            int message = random.nextInt(count);
            MessageStatus status = MessageStatus.values()[random.nextInt(random.nextInt(20) == 0 ? 7 : 5)];
            all.add(event("wamid.i" + message, status, random.nextInt(7_200), "c-" + message % 9));
        }
        List<StatusEvent> deliveries = new ArrayList<>(all);
        deliveries.addAll(all);
        deliveries.addAll(all);
        Collections.shuffle(deliveries, random);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < deliveries.size(); from += 50) {
                List<StatusEvent> batch = deliveries.subList(from, Math.min(deliveries.size(), from + 50));
                done.add(threads.submit(() -> m.recordStatuses(batch)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    private static StatusEvent event(String id, MessageStatus status, long second, String conversation) {
        return new StatusEvent(id, status, BASE.plusSeconds(second), "e-" + (second % 2), conversation, "webhook", null, false);
    }

    /** The tenant's messages with a status, newest latest_timestamp first, then message_id: the scan the index replaces. */
    private static List<Document> scan(String tenant) {
        List<Document> found = new ArrayList<>();
        parley.store().scoped(tenant, "messages").find(new Document("status", new Document("$exists", true))).forEach(found::add);
        found.sort(Comparator.comparing((Document d) -> d.getDate("latest_timestamp")).thenComparing(d -> d.getString("message_id"))
                .reversed());
        return found;
    }

    private static void assertSameAsScan(Messages m, String tenant) {
        List<Document> all = scan(tenant);
        for (Set<String> statuses : LISTS) {
            List<String> expected = all.stream().filter(d -> statuses.contains(d.getString("status")))
                    .map(d -> d.getString("message_id")).toList();
            assertThat(allPages(m, new StatusQuery(null, statuses, null, 9))).as("list %s", statuses).isEqualTo(expected);
        }
        Map<String, Integer> groups = new TreeMap<>();
        all.forEach(d -> groups.merge(d.getString("conversation_id") + "|" + d.getString("status"), 1, Integer::sum));
        List<Document> expected = new ArrayList<>();
        groups.forEach((key, count) -> expected.add(new Document("conversation_id", key.substring(0, key.indexOf('|')))
                .append("status", key.substring(key.indexOf('|') + 1)).append("count", count)));
        assertThat(m.statusCounts(List.of("conversation_id", "status"))).isEqualTo(expected);
        Map<String, Integer> byStatus = new TreeMap<>();
        all.forEach(d -> byStatus.merge(d.getString("status"), 1, Integer::sum));
        assertThat(m.statusCounts(List.of("status"))).extracting(d -> d.getString("status") + "=" + d.get("count"))
                .containsExactlyElementsOf(byStatus.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static List<String> allPages(Messages m, StatusQuery query) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            StatusListPage page = m.statusPage(query, cursor);
            assertThat(page.messages().size()).isLessThanOrEqualTo(query.limit());
            ids.addAll(ids(page));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    private static List<String> ids(StatusListPage page) {
        return page.messages().stream().map(d -> d.getString("message_id")).toList();
    }
}
