package dev.parley.bench;

import dev.parley.Parley;
import dev.parley.ParleyConfig;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;

/** Parley on its own embedded store in a fresh temp directory; closing it deletes the directory. */
public final class EmbeddedParley implements AutoCloseable {

    private final TempDirectory dir;
    private final Parley parley;

    private EmbeddedParley(TempDirectory dir, Parley parley) {
        this.dir = dir;
        this.parley = parley;
    }

    public static EmbeddedParley open(String prefix, ParleyConfig.EmbeddedMode mode) throws IOException {
        return open(prefix, mode, Map.of());
    }

    /** With extra settings (environment names), e.g. {@code PARLEY_H2_CACHE_MB}. */
    public static EmbeddedParley open(String prefix, ParleyConfig.EmbeddedMode mode, Map<String, String> settings) throws IOException {
        TempDirectory dir = TempDirectory.create(prefix);
        try {
            Map<String, String> all = new HashMap<>();
            String cache = System.getenv("PARLEY_H2_CACHE_MB"); // the one store setting a run may want to vary
            if (cache != null) {
                all.put("PARLEY_H2_CACHE_MB", cache);
            }
            all.putAll(settings);
            all.put("PARLEY_EMBEDDED", mode.name().toLowerCase(Locale.ROOT));
            all.put("PARLEY_DATA_DIR", dir.path().toString());
            all.put("MONGODB_URI", "");
            return new EmbeddedParley(dir, Parley.connect(ParleyConfig.from(all)));
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    public Parley parley() {
        return parley;
    }

    @Override
    public void close() {
        try {
            parley.close();
        } finally {
            dir.close();
        }
    }
}
