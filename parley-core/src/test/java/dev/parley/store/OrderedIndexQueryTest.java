package dev.parley.store;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which filters an ordered index serves, and that its walk yields them in order without reading documents. */
class OrderedIndexQueryTest {

    private MVStore store;
    private OrderedIndex index;

    private CountingIndex counts;

    @BeforeEach
    void open() {
        store = new MVStore.Builder().open(); // in memory
        MVMap<KeyValue, Long> byConversation = store.openMap("c", new MVMap.Builder<KeyValue, Long>().keyType(new KeyValueOrder()));
        counts = new CountingIndex(byConversation, "organization_id_conversation_id_status",
                List.of(new IndexKey("organization_id", true), new IndexKey("conversation_id", true), new IndexKey("status", true)));
        MVMap<KeyValue, Object> map = store.openMap("i", new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueOrder()));
        index = new OrderedIndex(map, "organization_id_status_latest_timestamp",
                List.of(new IndexKey("organization_id", true), new IndexKey("status", true), new IndexKey("latest_timestamp", false)));
        add("a|1", "a", "sent", 10);
        add("a|2", "a", "delivered", 20);
        add("a|3", "a", "sent", 30);
        add("a|4", "a", "read", 40);
        add("a|5", "a", "delivered", 20); // a tie with a|2
        add("b|1", "b", "sent", 50);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void add(String id, String tenant, String status, long t) {
        Document message = new Document("_id", id).append("organization_id", tenant).append("status", status)
                .append("latest_timestamp", Instant.ofEpochMilli(t)).append("conversation_id", "c" + (t % 20));
        index.add(message, id, null);
        counts.add(message, id, null);
    }

    @Test
    void aCountingIndexFollowsUpdatesAndDeletesAndGivesNoPositions() {
        Document before = new Document("_id", "a|1").append("organization_id", "a").append("status", "sent").append("conversation_id", "c10");
        Document after = new Document(before).append("status", "read");
        counts.updateInPlace(before, after, "a|1", null);
        assertThat(counts.countBy(List.of("a"), 2)).containsEntry(List.of("c10", "read"), 1L).containsEntry(List.of("c10", "sent"), 1L);
        assertThat(counts.remove(after)).isNull();
        assertThat(counts.countBy(List.of("a"), 2)).doesNotContainKey(List.of("c10", "read")); // a count that reached 0 leaves
        assertThat(counts.countBy(List.of("a"), 1)).containsEntry(List.of("c0"), 3L).containsEntry(List.of("c10"), 1L);
        assertThat(counts.toIndexDescription()).doesNotContainKey("sparse");
    }

    private static Document countBy(Document groupId, Document... more) {
        List<Document> pipeline = new ArrayList<>(List.of(new Document("$match", new Document("organization_id", "a")),
                new Document("$match", new Document("status", new Document("$exists", true))),
                new Document("$group", new Document("_id", groupId).append("count", new Document("$sum", 1)))));
        pipeline.addAll(List.of(more));
        return new Document("aggregate", "messages").append("pipeline", pipeline);
    }

    @SuppressWarnings("unchecked")
    private List<Document> rows(Document command) {
        Document reply = GroupCountQuery.answer(command, List.of(index, counts), "db.messages");
        assertThat(reply).as("served by an index: %s", command).isNotNull();
        return (List<Document>) ((Document) reply.get("cursor")).get("firstBatch");
    }

    private static List<String> flat(List<Document> rows) {
        return rows.stream().map(row -> {
            Document id = (Document) row.get("_id");
            return String.join("/", id.values().stream().map(String::valueOf).toList()) + "=" + row.get("count");
        }).toList();
    }

    @Test
    void countsByConversationAndStatusAreRankLookupsInTheIndex() {
        add("a|6", "a", null, 21); // no status: not counted ($exists)
        Document byBoth = new Document("conversation_id", "$conversation_id").append("status", "$status");
        assertThat(flat(rows(countBy(byBoth, new Document("$sort", new Document("_id.conversation_id", 1).append("_id.status", 1))))))
                .containsExactly("c0/delivered=2", "c0/read=1", "c10/sent=2");
        assertThat(flat(rows(countBy(new Document("status", "$status"), new Document("$sort", new Document("_id.status", -1))))))
                .containsExactly("sent=2", "read=1", "delivered=2");
        assertThat(flat(rows(countBy(new Document("conversation_id", "$conversation_id"), new Document("$sort", new Document("_id.conversation_id", 1))))))
                .containsExactly("c0=3", "c10=2");
        Document otherTenant = countBy(byBoth);
        ((Document) ((List<?>) otherTenant.get("pipeline")).get(0)).put("$match", new Document("organization_id", "b"));
        assertThat(flat(rows(otherTenant))).containsExactly("c10/sent=1");
    }

    @Test
    void countingPipelinesItCannotAnswerAreLeftToTheAggregation() {
        Document byBoth = new Document("conversation_id", "$conversation_id").append("status", "$status");
        List<Document> unserved = List.of(
                countBy(byBoth, new Document("$project", new Document("status", 1))),
                countBy(new Document("day", "$created_at")),
                countBy(byBoth, new Document("$sort", new Document("count", -1))),
                new Document("aggregate", "messages").append("pipeline", List.of(
                        new Document("$match", new Document("organization_id", "a").append("direction", "outbound")),
                        new Document("$group", new Document("_id", byBoth).append("count", new Document("$sum", 1))))),
                new Document("aggregate", "messages").append("pipeline", List.of(
                        new Document("$group", new Document("_id", byBoth).append("count", new Document("$sum", "$n"))))));
        for (Document command : unserved) {
            assertThat(GroupCountQuery.answer(command, List.of(index, counts), "db.messages")).as(command.toString()).isNull();
        }
    }

    private List<Object> walk(Document query, Document sort) {
        Iterable<Object> positions = OrderedIndexQuery.positions(query, sort, List.of(index));
        assertThat(positions).as("served by the index: %s", query).isNotNull();
        List<Object> found = new ArrayList<>();
        positions.forEach(p -> found.add(Missing.isNullOrMissing(p) ? null : p));
        return found;
    }

    @Test
    void anInListIsMergedNewestFirstWithTiesByIdDescending() {
        Document unread = new Document("organization_id", "a").append("status", new Document("$in", List.of("sent", "delivered")));
        assertThat(walk(unread, new Document("latest_timestamp", -1))).containsExactly("a|3", "a|5", "a|2", "a|1");
        assertThat(walk(unread, new Document("latest_timestamp", 1).append("_id", 1))).containsExactly("a|1", "a|2", "a|5", "a|3");
    }

    @Test
    void rangesBoundTheWalkInclusiveOrNot() {
        Document query = new Document("organization_id", "a").append("status", "delivered");
        assertThat(walk(query.append("latest_timestamp", new Document("$lte", Instant.ofEpochMilli(20))), new Document("latest_timestamp", -1)))
                .containsExactly("a|5", "a|2");
        query.put("latest_timestamp", new Document("$lt", Instant.ofEpochMilli(20)));
        assertThat(walk(query, null)).isEmpty();
        Document any = new Document("organization_id", "a").append("status", new Document("$in", List.of("sent", "read")))
                .append("latest_timestamp", new Document("$gt", Instant.ofEpochMilli(10)));
        assertThat(walk(any, new Document("latest_timestamp", -1))).containsExactly("a|4", "a|3");
    }

    @Test
    void anEqualityAfterAnInIsARangeOfOneValue() {
        Document ties = new Document("organization_id", "a").append("status", new Document("$in", List.of("delivered", "read")))
                .append("latest_timestamp", Instant.ofEpochMilli(20));
        assertThat(walk(ties, null)).containsExactly("a|2", "a|5");
    }

    @Test
    void aTenantScopedFilterIsServedThroughItsAnd() {
        Document scoped = new Document("organization_id", "b").append("$and", List.of(new Document("status", "sent")));
        assertThat(walk(scoped, new Document("latest_timestamp", -1))).containsExactly("b|1");
    }

    @Test
    void filtersItCannotWalkInOrderAreLeftToTheScan() {
        assertThat(OrderedIndexQuery.positions(new Document("status", "sent"), null, List.of(index))).isNull(); // no tenant
        assertThat(OrderedIndexQuery.positions(new Document("organization_id", "a").append("status", "sent"),
                new Document("_id", 1), List.of(index))).isNull(); // another order
        assertThat(OrderedIndexQuery.positions(new Document("organization_id", "a")
                .append("status", new Document("$in", List.of("sent"))), new Document("status", 1), List.of(index))).isNull();
        assertThat(OrderedIndexQuery.positions(new Document("organization_id", "a")
                .append("status", new Document("$ne", "sent")), null, List.of(index))).isNull();
    }

    @Test
    void updatesMoveTheKeyAndDeletesRemoveIt() {
        Document before = new Document("_id", "a|1").append("organization_id", "a").append("status", "sent").append("latest_timestamp", Instant.ofEpochMilli(10));
        Document after = new Document("_id", "a|1").append("organization_id", "a").append("status", "read").append("latest_timestamp", Instant.ofEpochMilli(60));
        index.updateInPlace(before, after, "a|1", null);
        Document reads = new Document("organization_id", "a").append("status", "read");
        assertThat(walk(reads, new Document("latest_timestamp", -1))).containsExactly("a|1", "a|4");
        assertThat(index.remove(after)).isEqualTo("a|1");
        assertThat(walk(reads, new Document("latest_timestamp", -1))).containsExactly("a|4");
        assertThat(index.getCount()).isEqualTo(5);
    }
}
