package dev.parley.server;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import dev.parley.store.MongoStore;
import dev.parley.testing.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the server writes what Parley still queued (message counts for the rollups) before the
 * store closes: Spring must not close the store first.
 */
class ShutdownTest {

    @TempDir
    Path data;

    @Test
    void queuedMessageCountsAreWrittenWhenTheServerStops() {
        Map<String, String> settings = new HashMap<>(TestStores.settings("shutdown"));
        if (TestStores.externalUri() == null) {
            settings.put("PARLEY_EMBEDDED", "h2"); // files that outlive the server
            settings.put("PARLEY_DATA_DIR", data.toString());
        }
        ConfigurableApplicationContext app = ServerInstances.start(settings);
        // Spring would infer "close" for a store bean; the store is Parley's to close, after Parley's last flush, so it is no bean
        assertThat(app.getBeanNamesForType(MongoStore.class)).isEmpty();
        app.getBean(Parley.class).tenant("sd-acme").messages().log(new Document("message_id", "sd-1").append("conversation_id", "c")
                .append("sender_id", "a").append("recipient_id", "b").append("content", "hi").append("direction", "outbound")
                .append("status", "sent"));
        app.close(); // the count is still queued: the rollup flusher runs every few seconds

        try (Parley again = Parley.connect(ParleyConfig.from(settings))) {
            List<Document> daily = again.tenant("sd-acme").analytics().daily("messages_sent", 1, ZoneOffset.UTC, Map.of(),
                    dev.parley.analytics.Rollups.Source.parse("messages"));
            assertThat(daily).extracting(d -> ((Number) d.get("total")).longValue()).containsExactly(1L);
            if (TestStores.externalUri() != null) {
                StoreAccess.of(again).dropDatabase();
            }
        }
    }
}
