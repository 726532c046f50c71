package dev.parley.bench.webhookingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The server jar the benchmark runs. {@code ./parley bench} builds only the bench module, so the
 * jar must have been built before; the bench refuses to run without it and warns when it is stale.
 */
public final class ServerJar {

    public static final Path PATH = Path.of("parley-server", "target", "parley.jar");
    private static final List<Path> SOURCES = List.of(Path.of("parley-core", "src", "main"),
            Path.of("parley-server", "src", "main"));

    private ServerJar() {
    }

    public static Path require() {
        if (!Files.isRegularFile(PATH)) {
            throw new IllegalStateException("webhook-ingest runs the real server, but " + PATH.toAbsolutePath()
                    + " is missing: run './parley --help' (builds it) or 'mvn -q -DskipTests install' first");
        }
        return PATH;
    }

    /** A core or server source file newer than the jar, when there is one: the figures are then for old code. */
    public static Optional<Path> newerSource() {
        try {
            FileTime built = Files.getLastModifiedTime(require());
            for (Path root : SOURCES) {
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(root)) {
                    Optional<Path> newer = files.filter(Files::isRegularFile)
                            .filter(file -> modified(file).compareTo(built) > 0).findFirst();
                    if (newer.isPresent()) {
                        return newer;
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
