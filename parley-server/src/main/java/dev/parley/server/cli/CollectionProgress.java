package dev.parley.server.cli;

import me.tongfei.progressbar.ProgressBar;

import java.util.function.BiConsumer;

/** A progress bar over collections, showing the documents of the one under way. */
final class CollectionProgress {

    private CollectionProgress() {
    }

    static BiConsumer<String, Long> of(ProgressBar bar) {
        String[] current = {null};
        return (collection, documents) -> {
            if (current[0] != null && !current[0].equals(collection)) {
                bar.step();
            }
            current[0] = collection;
            bar.setExtraMessage(String.format(" %s: %,d docs", collection, documents));
        };
    }
}
