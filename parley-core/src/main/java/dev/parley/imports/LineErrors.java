package dev.parley.imports;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/** The lines an import could not take: all counted, the first {@value #KEPT} kept with their reasons. */
final class LineErrors {

    static final int KEPT = 100;

    private final List<Document> kept = new ArrayList<>();
    private long count;

    synchronized void add(long line, String reason) {
        count++;
        if (kept.size() < KEPT) {
            kept.add(new Document("line", line).append("reason", reason));
        }
    }

    synchronized long count() {
        return count;
    }

    synchronized List<Document> kept() {
        return new ArrayList<>(kept);
    }
}
