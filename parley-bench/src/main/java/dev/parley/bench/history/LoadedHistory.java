package dev.parley.bench.history;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.bench.TempDirectory;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** One data set of history, loaded into its own embedded store and kept open for reading. */
final class LoadedHistory implements AutoCloseable {

    private final HistoryLayout layout;
    private final TempDirectory dir;
    private final Parley parley;
    private long loadNanos;

    private LoadedHistory(HistoryLayout layout, TempDirectory dir, Parley parley) {
        this.layout = layout;
        this.dir = dir;
        this.parley = parley;
    }

    static LoadedHistory load(HistoryLayout layout, ParleyConfig.EmbeddedMode mode) throws Exception {
        TempDirectory dir = TempDirectory.create("parley-bench-history-" + layout.sizeLabel() + "-");
        Parley parley;
        try {
            parley = Parley.connect(ParleyConfig.from(Map.of(
                    "PARLEY_EMBEDDED", mode.name().toLowerCase(Locale.ROOT),
                    "PARLEY_DATA_DIR", dir.path().toString(),
                    "MONGODB_URI", "")));
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
        LoadedHistory history = new LoadedHistory(layout, dir, parley);
        try {
            parley.initDb(); // as the server does at start-up
            history.loadNanos = HistoryLoader.load(parley, layout, "history @" + layout.sizeLabel());
        } catch (Exception | Error e) {
            history.close();
            throw e;
        }
        return history;
    }

    HistoryLayout layout() {
        return layout;
    }

    Parley parley() {
        return parley;
    }

    long loadNanos() {
        return loadNanos;
    }

    double loadRate() {
        return layout.messages() * 1e9 / loadNanos;
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
