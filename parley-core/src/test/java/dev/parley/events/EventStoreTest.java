package dev.parley.events;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 000's event store: gap-free versions, expected versions, idempotent event ids. */
class EventStoreTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @BeforeAll
    static void indexes() {
        parley.get().initDb();
    }

    private EventStore store(String tenant) {
        return parley.get().tenant(tenant).events();
    }

    private static Document event(String aggregateId) {
        return new Document("event_type", "CampaignExecuted")
                .append("event_data", new Document("campaign_id", aggregateId).append("contacts_count", 5000))
                .append("aggregate_id", aggregateId).append("aggregate_type", "campaign");
    }

    @Test
    void storesSeed000sEventShapeWithVersionsFromOne() {
        EventStore events = store("ev-shape");
        Document first = events.append(event("campaign-456"));
        Document second = events.append(event("campaign-456"));
        assertThat(first.getLong("version")).isEqualTo(1);
        assertThat(second.getLong("version")).isEqualTo(2);
        assertThat(first.getString("event_id")).isNotBlank().isNotEqualTo(second.getString("event_id"));
        List<Document> stored = events.aggregateEvents("campaign", "campaign-456", 1, 100);
        assertThat(stored).extracting(e -> e.get("version", Number.class).longValue()).containsExactly(1L, 2L);
        Document one = stored.get(0);
        assertThat(one.getString("organization_id")).isEqualTo("ev-shape");
        assertThat(one.getString("event_type")).isEqualTo("CampaignExecuted");
        assertThat(one.get("event_data", Document.class).getInteger("contacts_count")).isEqualTo(5000);
        assertThat(one.getDate("created_at")).isNotNull();
        assertThat(events.aggregateEvents("campaign", "campaign-456", 2, 10)).hasSize(1);
        assertThat(events.byType("CampaignExecuted", null, 100)).hasSize(2);
        assertThat(events.byType("MessageSent", null, 100)).isEmpty();
    }

    @Test
    void aStaleOrFutureExpectedVersionIsAConflict() {
        EventStore events = store("ev-expected");
        events.append(event("c1").append("expected_version", 0));
        events.append(event("c1").append("expected_version", 1));
        assertThatThrownBy(() -> events.append(event("c1").append("expected_version", 1)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is at version 2");
        assertThatThrownBy(() -> events.append(event("c1").append("expected_version", 5)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is at version 2");
        assertThat(events.append(event("c2").append("expected_version", 0)).getLong("version")).isEqualTo(1);
        assertThat(events.lastVersion("campaign", "c1")).isEqualTo(2);
    }

    @Test
    void theSameEventIdStoredTwiceReturnsTheFirstResult() {
        EventStore events = store("ev-idem");
        Document first = events.append(event("c1").append("event_id", "evt-1"));
        Document again = events.append(event("c1").append("event_id", "evt-1").append("event_data", new Document("other", true)));
        assertThat(again.getLong("version")).isEqualTo(first.getLong("version"));
        assertThat(again.get("event_data", Document.class).getInteger("contacts_count")).isEqualTo(5000);
        Document withStaleVersion = events.append(event("c1").append("event_id", "evt-1").append("expected_version", 0));
        assertThat(withStaleVersion.getString("event_id")).isEqualTo("evt-1");
        assertThat(events.aggregateEvents("campaign", "c1", 1, 100)).hasSize(1);
    }

    @Test
    void eightConcurrentWritersLeaveAGapFreeUnforkedStream() throws Exception {
        EventStore events = store("ev-race");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    // every append twice: a retried request must not add a second event
                    Document e = event("hot").append("event_id", "t" + thread + "-" + i);
                    ids.add(events.append(e).getString("event_id"));
                    events.append(event("hot").append("event_id", "t" + thread + "-" + i));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        List<Document> stream = events.aggregateEvents("campaign", "hot", 1, 1000);
        assertThat(stream).extracting(e -> e.get("version", Number.class).longValue())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(stream).extracting(e -> e.getString("event_id")).doesNotHaveDuplicates().hasSize(200)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(events.lastVersion("campaign", "hot")).isEqualTo(200);
    }

    @Test
    void badInputNamesTheField() {
        EventStore events = store("ev-bad");
        assertField(() -> events.append(new Document("aggregate_id", "a").append("aggregate_type", "campaign")), "event_type");
        assertField(() -> events.append(new Document("event_type", "X").append("aggregate_type", "campaign")), "aggregate_id");
        assertField(() -> events.append(event("a").append("aggregate_type", "bad type!")), "aggregate_type");
        assertField(() -> events.append(event("a").append("event_data", "text")), "event_data");
        assertField(() -> events.append(event("a").append("expected_version", -1)), "expected_version");
        assertField(() -> events.append(event("a").append("expected_version", 1.5)), "expected_version");
        assertField(() -> events.aggregateEvents("campaign", "a", 0, 10), "from_version");
        assertField(() -> events.byType("X", null, 0), "limit");
        assertThat(events.aggregateEvents("campaign", "a", 1, 10)).isEmpty();
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }
}
