package dev.parley;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParleyConfigTest {

    @Test
    void defaultsToTheEmbeddedH2StoreUnderData() {
        ParleyConfig config = ParleyConfig.from(Map.of());

        assertThat(config.external()).isFalse();
        assertThat(config.embeddedMode()).isEqualTo(ParleyConfig.EmbeddedMode.H2);
        assertThat(config.database()).isEqualTo("parley");
        assertThat(config.dataDir().toString()).endsWith("data");
        assertThat(config.defaultTimeZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void acceptsTheSeedsHostPortUserPasswordNames() {
        ParleyConfig config = ParleyConfig.from(Map.of("MONGO_HOST", "db.internal", "MONGO_PORT", "27018",
                "MONGO_USER", "admin", "MONGO_PASSWORD", "p@ss:word", "MONGO_DB_NAME", "pytake_logs"));

        assertThat(config.external()).isTrue();
        assertThat(config.mongoUri()).isEqualTo("mongodb://admin:p%40ss%3Aword@db.internal:27018/?authSource=admin");
        assertThat(config.database()).isEqualTo("pytake_logs");
    }

    @Test
    void takesTheDatabaseFromTheUriWhenNotNamed() {
        ParleyConfig config = ParleyConfig.from(Map.of("MONGODB_URI", "mongodb://localhost:27017/openai_outreach"));

        assertThat(config.database()).isEqualTo("openai_outreach");
    }

    /** Gap 13: seed 000's MONGODB_DB, seed 002's collection names. */
    @Test
    void readsTheSeedsDatabaseAndCollectionNames() {
        assertThat(ParleyConfig.from(Map.of("MONGODB_DB", "pytake_logs")).database()).isEqualTo("pytake_logs");
        assertThat(ParleyConfig.from(Map.of("MONGODB_DB", "pytake_logs", "MONGODB_DATABASE", "Osus_live2")).database())
                .isEqualTo("Osus_live2");
        ParleyConfig renamed = ParleyConfig.from(Map.of("MONGODB_STATUS_COLLECTION", "conversation_status",
                "MONGODB_CONVERSATIONS_COLLECTION", "converation_history"));
        assertThat(renamed.collectionName("messages")).isEqualTo("conversation_status");
        assertThat(renamed.collectionName("conversations")).isEqualTo("converation_history");
        assertThat(renamed.collectionName("conversation_pages")).isEqualTo("conversation_pages");
        assertThat(ParleyConfig.from(Map.of()).collectionName("messages")).isEqualTo("messages");

        assertThatThrownBy(() -> ParleyConfig.from(Map.of("MONGODB_STATUS_COLLECTION", "u_mine")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("MONGODB_STATUS_COLLECTION");
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("MONGODB_STATUS_COLLECTION", "bad$name")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("MONGODB_STATUS_COLLECTION");
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("MONGODB_STATUS_COLLECTION", "conversations")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("MONGODB_STATUS_COLLECTION");
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("MONGODB_STATUS_COLLECTION", "same",
                "MONGODB_CONVERSATIONS_COLLECTION", "same"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void readsPoolAndTimeoutSettings() {
        ParleyConfig config = ParleyConfig.from(Map.of("PARLEY_MONGO_MAX_POOL_SIZE", "50",
                "PARLEY_MONGO_MIN_POOL_SIZE", "10", "PARLEY_MONGO_MAX_IDLE_MS", "60000",
                "PARLEY_MONGO_SERVER_SELECTION_TIMEOUT_MS", "1500", "PARLEY_TIMEZONE", "Asia/Riyadh"));

        assertThat(config.maxPoolSize()).isEqualTo(50);
        assertThat(config.minPoolSize()).isEqualTo(10);
        assertThat(config.maxIdleMs()).isEqualTo(60_000L);
        assertThat(config.serverSelectionTimeoutMs()).isEqualTo(1500);
        assertThat(config.defaultTimeZone()).isEqualTo(ZoneId.of("Asia/Riyadh"));
    }

    @Test
    void namesTheBadSetting() {
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_MONGO_MAX_POOL_SIZE", "lots")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("PARLEY_MONGO_MAX_POOL_SIZE");
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_EMBEDDED", "tape")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("PARLEY_EMBEDDED");
    }

    @Test
    void theEmbeddedPageCacheIsAQuarterOfTheHeapAtMost256MbUnlessSet() {
        long quarter = Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024);
        int cache = ParleyConfig.from(java.util.Map.of()).embeddedCacheMegabytes();
        org.assertj.core.api.Assertions.assertThat(cache).isEqualTo((int) Math.max(16, Math.min(256, quarter)));
        org.assertj.core.api.Assertions.assertThat(ParleyConfig.from(java.util.Map.of("PARLEY_H2_CACHE_MB", "1024"))
                .embeddedCacheMegabytes()).isEqualTo(1024);
    }
}
