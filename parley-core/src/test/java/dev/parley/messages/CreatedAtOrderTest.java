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
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 22, gap 10: history in seed 004's order, {@code created_at}, paged by key with cursors. */
class CreatedAtOrderTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static final Instant T0 = Instant.parse("2026-01-27T10:00:00Z");

    private Messages messages(String tenant) {
        return parley.get().tenant(tenant).messages();
    }

    /** Message ids in created_at order (then logged order): {@code m-<minute>}. */
    private static List<String> sortedIds(List<Integer> minutes) {
        List<Integer> sorted = new ArrayList<>(minutes);
        Collections.sort(sorted);
        return sorted.stream().map(m -> "m-" + m).toList();
    }

    private static List<String> pageThrough(Messages m, String conversation, boolean ascending, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            HistoryPage page = m.history(conversation, new HistoryQuery(limit, ascending ? null : cursor,
                    ascending ? cursor : null, ascending, true));
            page.messages().forEach(message -> seen.add(message.getString("message_id")));
            assertThat(page.messages().size()).isLessThanOrEqualTo(limit);
            cursor = page.nextCursor();
            assertThat(page.hasMore()).isEqualTo(cursor != null);
        } while (cursor != null);
        return seen;
    }

    @Test
    void messagesLoggedOutOfTimeOrderComeBackInCreatedAtOrderAcrossPages() {
        Messages m = messages("order");
        List<Integer> minutes = new ArrayList<>();
        for (int i = 0; i < 650; i++) { // over three history pages of 200 positions
            minutes.add(i);
        }
        Collections.shuffle(minutes, new Random(7));
        List<Document> batch = new ArrayList<>();
        for (int minute : minutes) {
            batch.add(new Document("message_id", "m-" + minute).append("conversation_id", "late").append("content", "x")
                    .append("created_at", java.util.Date.from(T0.plusSeconds(60L * minute))));
            if (batch.size() == 90) {
                m.logAll(batch);
                batch = new ArrayList<>();
            }
        }
        m.logAll(batch);

        List<String> ascending = sortedIds(minutes);
        List<String> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);
        assertThat(pageThrough(m, "late", true, 50)).containsExactlyElementsOf(ascending);
        assertThat(pageThrough(m, "late", false, 37)).containsExactlyElementsOf(descending);
        assertThat(pageThrough(m, "late", false, 200)).containsExactlyElementsOf(descending);
        // the log order is still the order they were logged in
        List<String> logged = new ArrayList<>();
        m.history("late", new HistoryQuery(200, null, null, true)).messages().forEach(d -> logged.add(d.getString("message_id")));
        assertThat(logged).containsExactlyElementsOf(minutes.subList(0, 200).stream().map(x -> "m-" + x).toList());
    }

    @Test
    void equalTimesFollowTheLoggedOrderAndAnOlderConversationWithoutItsDirectoryIsRead() {
        Messages m = messages("ties");
        Instant same = T0;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            ids.add("tie-" + i);
            m.log(new Document("message_id", "tie-" + i).append("conversation_id", "ties").append("content", "x")
                    .append("created_at", java.util.Date.from(i % 2 == 0 ? same : same.minusSeconds(1))));
        }
        List<String> expected = new ArrayList<>(ids.stream().filter(id -> Integer.parseInt(id.substring(4)) % 2 == 1).toList());
        expected.addAll(ids.stream().filter(id -> Integer.parseInt(id.substring(4)) % 2 == 0).toList());
        assertThat(pageThrough(m, "ties", true, 40)).containsExactlyElementsOf(expected);

        // as a conversation written before the directory existed: its pages are read once and recorded
        long removed = parley.store().platform("conversation_pages")
                .deleteMany(new Document("_id", new Document("$regex", "^ties\\|ties\\|d")));
        assertThat(removed).isEqualTo(1);
        List<String> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertThat(pageThrough(m, "ties", false, 64)).containsExactlyElementsOf(reversed);
        assertThat(parley.store().platform("conversation_pages").get("ties|ties|d0")).isPresent();
    }

    @Test
    void concurrentWritersKeepTheDirectoryRight() throws Exception {
        Messages m = messages("racing");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        List<Integer> minutes = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            minutes.add(i);
        }
        Collections.shuffle(minutes, new Random(11));
        for (int t = 0; t < 4; t++) {
            List<Integer> mine = minutes.subList(t * 200, (t + 1) * 200);
            done.add(pool.submit(() -> {
                for (int from = 0; from < mine.size(); from += 20) {
                    List<Document> batch = new ArrayList<>();
                    for (int minute : mine.subList(from, from + 20)) {
                        batch.add(new Document("message_id", "m-" + minute).append("conversation_id", "race").append("content", "x")
                                .append("created_at", java.util.Date.from(T0.plusSeconds(60L * minute))));
                    }
                    m.logAll(batch);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<String> descending = new ArrayList<>(sortedIds(minutes));
        Collections.reverse(descending);
        assertThat(pageThrough(m, "race", false, 100)).containsExactlyElementsOf(descending);
    }

    @Test
    void aCursorBelongsToItsOrder() {
        Messages m = messages("cursors");
        for (int i = 0; i < 3; i++) {
            m.log(new Document("message_id", "c-" + i).append("conversation_id", "cur").append("content", "x"));
        }
        String logCursor = m.history("cur", HistoryQuery.latest(1)).nextCursor();
        String createdCursor = m.history("cur", new HistoryQuery(1, null, null, false, true)).nextCursor();
        assertThatThrownBy(() -> m.history("cur", new HistoryQuery(1, logCursor, null, false, true)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("before");
        assertThatThrownBy(() -> m.history("cur", new HistoryQuery(1, createdCursor, null, false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("before");
        assertThat(m.history("cur", new HistoryQuery(5, createdCursor, null, false, true)).messages()).hasSize(2);
    }
}
