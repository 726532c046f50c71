package dev.parley.testing;

import dev.parley.ParleyConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where tests keep their data. By default on the embedded H2 files, as users run Parley: every
 * test class gets a data directory of its own (deleted when the JVM exits). {@code
 * PARLEY_TEST_BACKEND=memory} (or {@code -Dparley.test.backend=memory}) runs them on the embedded
 * in-memory store instead; {@code PARLEY_TEST_MONGODB_URI} on that MongoDB, where every test class
 * gets its own database (dropped after). The same tests run unchanged against all three.
 */
public final class TestStores {

    public static final String EXTERNAL_URI_VARIABLE = "PARLEY_TEST_MONGODB_URI";
    public static final String BACKEND_VARIABLE = "PARLEY_TEST_BACKEND";
    public static final String BACKEND_PROPERTY = "parley.test.backend";
    private static final Path TEMP_DATA = temporaryDataDir();

    /** Which server a test's store runs on. */
    public enum Backend { H2, MEMORY, EXTERNAL }

    private TestStores() {
    }

    private static Path temporaryDataDir() {
        try {
            Path dir = Files.createTempDirectory("parley-test-data");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "parley-test-data-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory the OS cleans up anyway
        }
    }

    public static String externalUri() {
        String uri = System.getenv(EXTERNAL_URI_VARIABLE);
        return uri == null || uri.isBlank() ? null : uri.trim();
    }

    /** The backend of this run: the external MongoDB when named, else PARLEY_TEST_BACKEND (h2 by default). */
    public static Backend backend() {
        if (externalUri() != null) {
            return Backend.EXTERNAL;
        }
        String chosen = System.getProperty(BACKEND_PROPERTY, System.getenv(BACKEND_VARIABLE));
        if (chosen == null || chosen.isBlank()) {
            return Backend.H2;
        }
        return switch (chosen.trim().toLowerCase(Locale.ROOT)) {
            case "h2" -> Backend.H2;
            case "memory" -> Backend.MEMORY;
            default -> throw new IllegalStateException(BACKEND_VARIABLE + " must be h2 or memory (or set "
                    + EXTERNAL_URI_VARIABLE + "), not " + chosen);
        };
    }

    /** Settings under Parley's own variable names, for a fresh database on this run's backend. */
    public static Map<String, String> settings(String label) {
        return settings(label, backend());
    }

    /** Settings for a fresh database on {@code backend} (EXTERNAL needs PARLEY_TEST_MONGODB_URI). */
    public static Map<String, String> settings(String label, Backend backend) {
        Map<String, String> settings = new HashMap<>();
        String database = "parley_test_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_")
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        settings.put("MONGODB_DATABASE", database.length() > 60 ? database.substring(database.length() - 60) : database);
        settings.put("MONGO_HOST", "");
        settings.put("PARLEY_DATA_DIR", TEMP_DATA.toString()); // secret.key and friends, never in the source tree
        settings.put("PARLEY_MONGO_SERVER_SELECTION_TIMEOUT_MS", "10000");
        settings.put("MONGODB_URI", "");
        switch (backend) {
            case EXTERNAL -> {
                if (externalUri() == null) {
                    throw new IllegalStateException(EXTERNAL_URI_VARIABLE + " is not set");
                }
                settings.put("MONGODB_URI", externalUri());
            }
            case MEMORY -> settings.put("PARLEY_EMBEDDED", "memory");
            case H2 -> { // files of its own: a store no other test class has written to or holds open
                settings.put("PARLEY_EMBEDDED", "h2");
                settings.put("PARLEY_DATA_DIR", newDataDir().toString());
            }
        }
        return settings;
    }

    private static Path newDataDir() {
        try {
            return Files.createTempDirectory(TEMP_DATA, "h2-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ParleyConfig config(Class<?> testClass) {
        return ParleyConfig.from(settings(testClass.getSimpleName()));
    }

    /**
     * On the embedded H2 files (in a directory of their own) whatever PARLEY_TEST_BACKEND says, unless an
     * external MongoDB is named: for tests of what only the H2 server does, such as its ordered
     * secondary indexes.
     */
    public static ParleyConfig onH2(Class<?> testClass) {
        return ParleyConfig.from(settings(testClass.getSimpleName(), externalUri() == null ? Backend.H2 : Backend.EXTERNAL));
    }
}
