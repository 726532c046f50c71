package dev.parley.testing;

import dev.parley.ParleyConfig;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Where tests keep their data: the embedded in-memory server by default, or the MongoDB named by
 * {@code PARLEY_TEST_MONGODB_URI}, where every test class gets its own database (dropped after).
 * The same tests run unchanged against both.
 */
public final class TestStores {

    public static final String EXTERNAL_URI_VARIABLE = "PARLEY_TEST_MONGODB_URI";
    private static final java.nio.file.Path TEMP_DATA = temporaryDataDir();

    private TestStores() {
    }

    private static java.nio.file.Path temporaryDataDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("parley-test-data");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String externalUri() {
        String uri = System.getenv(EXTERNAL_URI_VARIABLE);
        return uri == null || uri.isBlank() ? null : uri.trim();
    }

    /** Settings under Parley's own variable names, for a fresh database. */
    public static Map<String, String> settings(String label) {
        Map<String, String> settings = new HashMap<>();
        String database = "parley_test_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_")
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        settings.put("MONGODB_DATABASE", database.length() > 60 ? database.substring(database.length() - 60) : database);
        settings.put("MONGO_HOST", "");
        settings.put("PARLEY_DATA_DIR", TEMP_DATA.toString()); // secret.key and friends, never in the source tree
        settings.put("PARLEY_MONGO_SERVER_SELECTION_TIMEOUT_MS", "10000");
        String external = externalUri();
        if (external != null) {
            settings.put("MONGODB_URI", external);
        } else {
            settings.put("MONGODB_URI", "");
            settings.put("PARLEY_EMBEDDED", "memory");
        }
        return settings;
    }

    public static ParleyConfig config(Class<?> testClass) {
        return ParleyConfig.from(settings(testClass.getSimpleName()));
    }

    /**
     * Like {@link #config}, but on the embedded H2 files (in a directory of their own) unless an
     * external MongoDB is named: for tests of what only the H2 server builds, such as its ordered
     * secondary indexes.
     */
    public static ParleyConfig onH2(Class<?> testClass) {
        Map<String, String> settings = settings(testClass.getSimpleName());
        if (externalUri() == null) {
            try {
                java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(TEMP_DATA, "h2-");
                settings.put("PARLEY_DATA_DIR", dir.toString());
                settings.put("PARLEY_EMBEDDED", "h2");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return ParleyConfig.from(settings);
    }
}
