package dev.parley.store;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A second process on the same ./data (e.g. a CLI command beside the server) attaches instead of failing. */
class SharedDataDirectoryTest {

    @TempDir
    Path dataDir;

    @Test
    void theSecondOpenerAttachesToTheOwnersServer() throws Exception {
        ParleyConfig config = ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_EMBEDDED", "h2"));
        try (Parley owner = Parley.connect(config)) {
            assertThat(Files.readString(dataDir.resolve("mongo.port")).trim()).matches("\\d+");
            owner.tenant("acme").documents("notes").insert(new Document("_id", "from-owner"));

            try (Parley second = Parley.connect(config)) {
                assertThat(StoreAccess.of(second).modeDetail()).contains("served by another Parley process");
                assertThat(second.tenant("acme").documents("notes").get("from-owner")).isNotNull();
                second.tenant("acme").documents("notes").insert(new Document("_id", "from-second"));
            }
            assertThat(owner.tenant("acme").documents("notes").get("from-second")).isNotNull();
        }
        assertThat(dataDir.resolve("mongo.port")).doesNotExist();

        try (Parley reopened = Parley.connect(config)) {
            assertThat(reopened.tenant("acme").documents("notes").get("from-second")).isNotNull();
        }
    }
}
