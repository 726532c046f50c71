package dev.parley.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long read of the embedded H2 store while compaction frees the chunks it walks (the
 * "Chunk N not found" of h2database#4383, which a 1M-message scan hit in the search benchmark):
 * with the read's version pinned, as every read of the embedded server now is, it completes
 * (without the pin this test fails with "Chunk 6 not found").
 */
class PinnedReadTest {

    @TempDir
    Path dir;

    @Test
    void aPinnedCursorOutlivesCompaction() {
        String file = dir.resolve("pinned.mv.db").toString();
        int items = 4_000;
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            store.setRetentionTime(0);
            store.setVersionsToKeep(0);
            MVMap<String, String> data = store.openMap("data");
            for (int i = 0; i < items; i++) {
                data.put(Integer.toString(i), "x".repeat(50) + i);
                if (i % 1000 == 0) {
                    store.commit();
                }
            }
            for (int i = 0; i < items; i += 2) { // every chunk half dead: compaction will move what lives
                data.put(Integer.toString(i), i + "y".repeat(50));
                if (i % 1000 == 0) {
                    store.commit();
                }
            }
            store.commit();
        }

        TypedH2Backend reader = new TypedH2Backend(file, 16); // pages come from disk again
        try {
            MVStore reopened = reader.getMvStore();
            reopened.setRetentionTime(0); // what the default 45 s amounts to for a scan that outlasts it
            reopened.setVersionsToKeep(0);
            MVMap<String, String> map = reopened.openMap("data");
            MVMap<String, String> side = reopened.openMap("side");
            Runnable release = reader.pinVersion();
            int iterated = 0;
            try {
                Iterator<Map.Entry<String, String>> it = map.entrySet().iterator();
                while (it.hasNext()) {
                    it.next();
                    if (++iterated % 1000 == 0) {
                        side.put("tick", Integer.toString(iterated));
                        reopened.commit();
                        reopened.compact(95, 16 * 1024 * 1024);
                    }
                }
            } finally {
                release.run();
            }
            assertThat(iterated).isEqualTo(items);
        } finally {
            reader.close();
        }
    }
}
