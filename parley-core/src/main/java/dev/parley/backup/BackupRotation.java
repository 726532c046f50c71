package dev.parley.backup;

import dev.parley.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scheduled backups: each run writes a gzipped backup of everything into
 * {@code <root>/<yyyyMMdd-HHmmss>} (UTC), then deletes the oldest such directories beyond
 * {@code keep}. Only directories named that way are ever deleted.
 */
public final class BackupRotation {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String PATTERN = "\\d{8}-\\d{6}";

    private final Backups backups;
    private final Path root;
    private final int keep;

    public BackupRotation(Backups backups, Path root, int keep) {
        if (keep < 1) {
            throw new InvalidInputException("PARLEY_BACKUP_KEEP", "must be 1 or more");
        }
        this.backups = backups;
        this.root = root;
        this.keep = keep;
    }

    /** Writes one backup and rotates; returns its directory. */
    public Path run(Instant now) {
        Path target = root.resolve(NAME.format(now));
        backups.backup(target, null, null, true, (collection, documents) -> { });
        for (Path old : backups().stream().skip(keep).toList()) {
            delete(old);
        }
        return target;
    }

    /** The backups under the root, newest first. */
    public List<Path> backups() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches(PATTERN))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the old backup " + dir + ": " + e.getMessage(), e);
        }
    }
}
