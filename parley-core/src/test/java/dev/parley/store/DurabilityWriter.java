package dev.parley.store;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.documents.DocumentCollection;
import org.bson.Document;

import java.io.PrintStream;
import java.util.Map;

/**
 * Child process of {@link DurabilityKillTest}: writes documents from several threads into an H2
 * data directory and prints each id on stdout the moment its insert is acknowledged.
 */
public final class DurabilityWriter {

    public static void main(String[] args) throws Exception {
        Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", args[0], "PARLEY_EMBEDDED", "h2")));
        DocumentCollection items = parley.tenant("durable").documents("items");
        PrintStream out = System.out;
        out.println("READY");
        out.flush();
        int threads = 8;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String id = args[1] + "-" + thread + "-" + i;
                    items.insert(new Document("_id", id).append("payload", "x".repeat(200)));
                    synchronized (out) {
                        out.println(id);
                        out.flush();
                    }
                }
            });
            writer.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
