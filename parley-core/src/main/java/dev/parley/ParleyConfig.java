package dev.parley;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import com.mongodb.ConnectionString;

/**
 * Everything Parley needs to reach its store, read from environment-style names so that the
 * library, the CLI and the server are configured the same way.
 *
 * <p>With neither {@code MONGODB_URI} nor {@code MONGO_HOST} set, Parley runs its embedded
 * MongoDB-compatible server: {@code h2} files under {@code dataDir}, or {@code memory}.
 */
public record ParleyConfig(
        String mongoUri,
        String database,
        EmbeddedMode embeddedMode,
        Path dataDir,
        int embeddedPort,
        Integer maxPoolSize,
        Integer minPoolSize,
        Long maxIdleMs,
        long connectTimeoutMs,
        long serverSelectionTimeoutMs,
        ZoneId defaultTimeZone,
        String secretKey,
        boolean groupCommit,
        int embeddedCacheMegabytes,
        Map<String, String> collectionNames) {

    public enum EmbeddedMode { H2, MEMORY }

    public static final String DEFAULT_DATABASE = "parley";

    /**
     * Seed 002's names for the collections Parley calls {@code messages} and {@code conversations}:
     * setting one stores that collection under the given name (every route and command uses it).
     */
    static final Map<String, String> COLLECTION_VARIABLES = Map.of("MONGODB_STATUS_COLLECTION", "messages",
            "MONGODB_CONVERSATIONS_COLLECTION", "conversations");
    private static final Pattern COLLECTION = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,119}");

    public ParleyConfig {
        if (database == null || database.isBlank()) {
            throw new InvalidInputException("MONGODB_DATABASE", "must not be blank");
        }
        collectionNames = collectionNames == null ? Map.of() : Map.copyOf(collectionNames);
    }

    /** Without renamed collections (the defaults). */
    public ParleyConfig(String mongoUri, String database, EmbeddedMode embeddedMode, Path dataDir, int embeddedPort,
                        Integer maxPoolSize, Integer minPoolSize, Long maxIdleMs, long connectTimeoutMs,
                        long serverSelectionTimeoutMs, ZoneId defaultTimeZone, String secretKey, boolean groupCommit,
                        int embeddedCacheMegabytes) {
        this(mongoUri, database, embeddedMode, dataDir, embeddedPort, maxPoolSize, minPoolSize, maxIdleMs, connectTimeoutMs,
                serverSelectionTimeoutMs, defaultTimeZone, secretKey, groupCommit, embeddedCacheMegabytes, Map.of());
    }

    /** The name {@code collection} (Parley's own name for it) is stored under: itself unless renamed. */
    public String collectionName(String collection) {
        return collectionNames.getOrDefault(collection, collection);
    }

    /** Never prints the secret key or the URI's password. */
    @Override
    public String toString() {
        return "ParleyConfig[mongo=" + (mongoUri == null ? "embedded " + embeddedMode : mongoUri.replaceAll("//[^@/]*@", "//***@"))
                + ", database=" + database + ", dataDir=" + dataDir + ", timeZone=" + defaultTimeZone
                + ", secretKey=" + (secretKey == null ? "unset" : "***") + "]";
    }

    /** True when Parley talks to a MongoDB it did not start itself. */
    public boolean external() {
        return mongoUri != null;
    }

    public static ParleyConfig fromEnvironment() {
        return from(System::getenv);
    }

    public static ParleyConfig from(Map<String, String> values) {
        return from(values::get);
    }

    /** Reads the configuration through {@code lookup}; blank values count as unset. */
    public static ParleyConfig from(Function<String, String> lookup) {
        Function<String, String> get = name -> {
            String value = lookup.apply(name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        String uri = get.apply("MONGODB_URI");
        if (uri == null && get.apply("MONGO_HOST") != null) {
            uri = uriFromParts(get);
        }
        String database = firstNonNull(get.apply("MONGODB_DATABASE"), get.apply("MONGODB_DB"), get.apply("MONGO_DB_NAME"),
                databaseFromUri(uri), DEFAULT_DATABASE);
        String embedded = firstNonNull(get.apply("PARLEY_EMBEDDED"), "h2");
        EmbeddedMode mode = switch (embedded.toLowerCase()) {
            case "h2", "file", "true" -> EmbeddedMode.H2;
            case "memory", "mem" -> EmbeddedMode.MEMORY;
            default -> throw new InvalidInputException("PARLEY_EMBEDDED", "must be h2 or memory, not " + embedded);
        };
        return new ParleyConfig(uri, database, mode,
                Path.of(firstNonNull(get.apply("PARLEY_DATA_DIR"), "./data")).toAbsolutePath().normalize(),
                intValue(get, "PARLEY_EMBEDDED_PORT", 0),
                optionalInt(get, "PARLEY_MONGO_MAX_POOL_SIZE"),
                optionalInt(get, "PARLEY_MONGO_MIN_POOL_SIZE"),
                optionalLong(get, "PARLEY_MONGO_MAX_IDLE_MS"),
                longValue(get, "PARLEY_MONGO_CONNECT_TIMEOUT_MS", 5_000),
                longValue(get, "PARLEY_MONGO_SERVER_SELECTION_TIMEOUT_MS", 5_000),
                zone(firstNonNull(get.apply("PARLEY_TIMEZONE"), "UTC")),
                get.apply("PARLEY_SECRET_KEY"),
                !"false".equalsIgnoreCase(get.apply("PARLEY_GROUP_COMMIT")),
                intValue(get, "PARLEY_H2_CACHE_MB", defaultCacheMegabytes()),
                collectionNames(get));
    }

    /** MONGODB_STATUS_COLLECTION / MONGODB_CONVERSATIONS_COLLECTION, checked: valid, distinct, outside users' {@code u_} space. */
    private static Map<String, String> collectionNames(Function<String, String> get) {
        Map<String, String> names = new TreeMap<>();
        Set<String> taken = new HashSet<>(COLLECTION_VARIABLES.values());
        for (Map.Entry<String, String> variable : new TreeMap<>(COLLECTION_VARIABLES).entrySet()) {
            String name = get.apply(variable.getKey());
            if (name == null || name.equals(variable.getValue())) {
                continue;
            }
            if (!COLLECTION.matcher(name).matches() || name.startsWith("u_") || name.startsWith("system.")) {
                throw new InvalidInputException(variable.getKey(), "must be a collection name (a letter, then letters, digits,"
                        + " '_', '.' or '-'; not starting with u_ or system.), not " + name);
            }
            if (!taken.add(name)) {
                throw new InvalidInputException(variable.getKey(), "names " + name + ", which another Parley collection uses");
            }
            names.put(variable.getValue(), name);
        }
        return names;
    }

    public ParleyConfig withDatabase(String name) {
        return new ParleyConfig(mongoUri, name, embeddedMode, dataDir, embeddedPort, maxPoolSize, minPoolSize,
                maxIdleMs, connectTimeoutMs, serverSelectionTimeoutMs, defaultTimeZone, secretKey, groupCommit,
                embeddedCacheMegabytes, collectionNames);
    }

    /**
     * The embedded H2 page cache: a quarter of the heap, between 16 and 256 MB. H2's own default
     * of 16 MB made every history read at 1M messages a disk read and decode of dozens of pages;
     * but the cache holds decoded documents, and past a few hundred MB the collector copying them
     * costs more than decoding pages again from the OS's file cache (verifying 1M audit entries:
     * 7.5 s at 256 MB, about 10 s at the 1.5 GB a quarter of a 6 GB heap gave).
     */
    static final int MAX_DEFAULT_CACHE_MB = 256;

    private static int defaultCacheMegabytes() {
        long quarter = Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024);
        return (int) Math.max(16, Math.min(MAX_DEFAULT_CACHE_MB, quarter));
    }

    private static String uriFromParts(Function<String, String> get) {
        String host = get.apply("MONGO_HOST");
        String port = firstNonNull(get.apply("MONGO_PORT"), "27017");
        String user = get.apply("MONGO_USER");
        String password = get.apply("MONGO_PASSWORD");
        String credentials = user == null ? ""
                : encode(user) + (password == null ? "" : ":" + encode(password)) + "@";
        String authSource = user == null ? "" : "/?authSource=admin";
        return "mongodb://" + credentials + host + ":" + port + authSource;
    }

    private static String databaseFromUri(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            return new ConnectionString(uri).getDatabase();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("MONGODB_URI", e.getMessage());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            throw new InvalidInputException("PARLEY_TIMEZONE", "unknown time zone " + id);
        }
    }

    private static int intValue(Function<String, String> get, String name, int fallback) {
        Integer value = optionalInt(get, name);
        return value == null ? fallback : value;
    }

    private static long longValue(Function<String, String> get, String name, long fallback) {
        Long value = optionalLong(get, name);
        return value == null ? fallback : value;
    }

    private static Integer optionalInt(Function<String, String> get, String name) {
        Long value = optionalLong(get, name);
        return value == null ? null : Math.toIntExact(value);
    }

    private static Long optionalLong(Function<String, String> get, String name) {
        String raw = get.apply(name);
        if (raw == null) {
            return null;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < 0) {
                throw new InvalidInputException(name, "must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a whole number, not " + raw);
        }
    }
}
