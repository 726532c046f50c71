package dev.parley.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import dev.parley.server.logging.KnownStoreWarnings;
import dev.parley.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23: a first start logs what a person needs, not a hundred lines: one line for the indexes
 * (each at DEBUG), none of the embedded server's warnings about secondary indexes, and at the end
 * the URL, the store and its data directory, and how to get a key.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstRunTest {

    @Test
    void aFirstStartEndsWithTheUrlTheStoreAndHowToGetAKey(CapturedOutput output) throws Exception {
        Path data = Files.createTempDirectory("parley-first-run");
        Map<String, String> settings = new java.util.HashMap<>(TestStores.settings("first_run"));
        if (TestStores.externalUri() == null) { // a real first run: H2 files in a new data directory
            settings.put("PARLEY_EMBEDDED", "h2");
            settings.put("PARLEY_DATA_DIR", data.toString());
        }
        try (ConfigurableApplicationContext server = ServerInstances.start(settings)) {
            int port = ServerInstances.port(server);
            List<String> lines = output.getAll().lines().toList();
            assertThat(lines.stream().filter(l -> l.contains("not yet implemented. ignoring"))).isEmpty();
            assertThat(lines.stream().filter(l -> l.contains("index created") || l.contains(" index created"))).isEmpty();
            assertThat(lines.stream().filter(l -> l.matches(".*indexes: \\d+ ensured \\(\\d+ created.*"))).hasSize(1);
            String all = output.getAll();
            assertThat(all).contains("Parley is ready at http://localhost:" + port + "/");
            assertThat(all).contains("/swagger-ui.html");
            assertThat(all).contains("no tenant yet: ./parley tenants create");
            if (TestStores.externalUri() == null) {
                assertThat(all).contains("store: embedded (H2 files in " + data);
            }
            long parleyLines = lines.stream().filter(l -> l.contains("StartupTasks") || l.contains("AbstractMongoDatabase")).count();
            System.out.printf("first start: %d lines in all, %d from the start-up tasks and the embedded server%n", lines.size(), parleyLines);
            assertThat(parleyLines).isLessThanOrEqualTo(6);
        }
    }

    /** The filter drops that one message of that one logger, nothing else. */
    @Test
    void onlyTheSecondaryIndexWarningIsDropped() {
        LoggerContext context = new LoggerContext();
        KnownStoreWarnings filter = new KnownStoreWarnings();
        var store = context.getLogger("de.bwaldvogel.mongo.backend.AbstractMongoDatabase");
        var other = context.getLogger("de.bwaldvogel.mongo.backend.h2.H2Backend");
        assertThat(filter.decide(null, store, Level.WARN, "adding secondary index with keys {} is not yet implemented. ignoring",
                new Object[] {"[a]"}, null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, store, Level.WARN, "Ignoring primary key index with name '{}'", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, store, Level.ERROR, "adding secondary index with keys {} is not yet implemented. ignoring",
                null, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, other, Level.WARN, "adding secondary index with keys {} is not yet implemented. ignoring",
                null, null)).isEqualTo(FilterReply.NEUTRAL);
    }
}
