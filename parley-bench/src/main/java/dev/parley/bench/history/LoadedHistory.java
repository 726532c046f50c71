package dev.parley.bench.history;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.bench.EmbeddedParley;

/** One data set of history, loaded into its own embedded store and kept open for reading. */
final class LoadedHistory implements AutoCloseable {

    private final HistoryLayout layout;
    private final EmbeddedParley store;
    private long loadNanos;

    private LoadedHistory(HistoryLayout layout, EmbeddedParley store) {
        this.layout = layout;
        this.store = store;
    }

    static LoadedHistory load(HistoryLayout layout, ParleyConfig.EmbeddedMode mode) throws Exception {
        LoadedHistory history = new LoadedHistory(layout,
                EmbeddedParley.open("parley-bench-history-" + layout.sizeLabel() + "-", mode));
        Parley parley = history.parley();
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
        return store.parley();
    }

    long loadNanos() {
        return loadNanos;
    }

    double loadRate() {
        return layout.messages() * 1e9 / loadNanos;
    }

    @Override
    public void close() {
        store.close();
    }
}
