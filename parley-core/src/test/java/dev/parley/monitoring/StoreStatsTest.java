package dev.parley.monitoring;

import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoreStatsTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @Test
    void countsEachCollectionPerTenantAndNamesTheServer() {
        parley.get().initDb();
        parley.get().tenant("stats-a").messages().logAll(List.of(
                new Document("message_id", "1").append("conversation_id", "c").append("content", "one"),
                new Document("message_id", "2").append("conversation_id", "c").append("content", "two")));
        parley.get().tenant("stats-b").messages().log(new Document("message_id", "3").append("conversation_id", "c").append("content", "three"));

        Document stats = parley.get().stats();

        Document messages = stats.getList("collections", Document.class).stream()
                .filter(c -> c.getString("collection").equals("messages")).findFirst().orElseThrow();
        assertThat(messages.get("documents_per_tenant", Document.class)).containsEntry("stats-a", 2L).containsEntry("stats-b", 1L);
        assertThat(((Number) messages.get("documents")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat(((Number) messages.get("data_size_bytes")).longValue()).isPositive();
        assertThat(messages.getInteger("index_count")).isGreaterThanOrEqualTo(2); // _id and at least the unique rev index
        assertThat(((Number) messages.get("storage_size_bytes")).longValue()).isPositive(); // computed where collStats is silent
        assertThat(((Number) messages.get("index_size_bytes")).longValue()).isPositive();
        assertThat(messages.getList("indexes", Document.class)).allMatch(i -> ((Number) i.get("size_bytes")).longValue() > 0);
        assertThat(messages.getList("indexes", Document.class)).extracting(i -> i.getString("name")).contains("_id_");
        Document server = stats.get("server", Document.class);
        assertThat(server.getString("mode")).isIn("embedded", "external");
        assertThat(server.getString("parley_version")).isEqualTo(StoreStats.VERSION);
        assertThat(((Number) server.get("uptime_seconds")).longValue()).isNotNegative();
        assertThat(((Number) stats.get("totals", Document.class).get("documents")).longValue()).isGreaterThanOrEqualTo(3);
    }
}
