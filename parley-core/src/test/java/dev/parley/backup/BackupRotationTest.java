package dev.parley.backup;

import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BackupRotationTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @TempDir
    Path root;

    @Test
    void keepsTheNewestBackupsOnlyAndNothingElse() throws Exception {
        parley.get().tenant("rotated").messages().log(new Document("message_id", "m").append("conversation_id", "c").append("content", "x"));
        Files.createDirectories(root.resolve("not-a-backup"));
        BackupRotation rotation = new BackupRotation(parley.get().backups(), root, 2);

        rotation.run(Instant.parse("2026-11-27T03:00:00Z"));
        rotation.run(Instant.parse("2026-11-28T03:00:00Z"));
        Path newest = rotation.run(Instant.parse("2026-11-29T03:00:00Z"));

        assertThat(rotation.backups()).extracting(p -> p.getFileName().toString()).containsExactly("20261129-030000", "20261128-030000");
        assertThat(newest.resolve(parley.store().databaseName()).resolve("messages.bson.gz")).exists();
        assertThat(root.resolve("not-a-backup")).exists();
    }
}
