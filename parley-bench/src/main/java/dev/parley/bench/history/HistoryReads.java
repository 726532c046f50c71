package dev.parley.bench.history;

import dev.parley.messages.HistoryPage;
import dev.parley.messages.HistoryQuery;
import dev.parley.messages.Messages;
import org.bson.Document;

import java.util.List;
import java.util.Random;

/**
 * Reads random conversations of one data set as a chat UI does: the newest 50 messages, then the
 * 50 before them through the returned cursor. Each read is timed on its own, one at a time, and
 * every page is checked against the positions the loader gave the messages. A single-message
 * {@code get} by key is timed alongside as the floor: what one round trip costs on this machine
 * right now.
 */
final class HistoryReads {

    static final int PAGE = 50;

    private final LoadedHistory history;
    private final Random random;
    private final LatencySamples newestPages = new LatencySamples();
    private final LatencySamples olderPages = new LatencySamples();
    private final LatencySamples singleGets = new LatencySamples();
    /** The same two pages in seed 004's order ({@code order_by=created_at}); the loader's times rise with the positions. */
    private final LatencySamples createdAtPages = new LatencySamples();
    private int wrongPages;

    HistoryReads(LoadedHistory history, long seed) {
        this.history = history;
        this.random = new Random(seed);
    }

    /** Reads {@code conversations} random conversations' two pages; times them when {@code timed}. */
    void read(int conversations, boolean timed) {
        for (int i = 0; i < conversations; i++) {
            readOne(timed);
        }
    }

    private void readOne(boolean timed) {
        HistoryLayout layout = history.layout();
        int conversation = random.nextInt(layout.conversationsPerTenant());
        String conversationId = HistoryLayout.conversationId(conversation);
        Messages messages = history.parley().tenant(HistoryLayout.tenant(random.nextInt(layout.tenants()))).messages();

        long start = System.nanoTime();
        HistoryPage newest = messages.history(conversationId, HistoryQuery.latest(PAGE));
        long between = System.nanoTime();
        if (!holds(newest, conversation, layout.messagesPerConversation()) || newest.nextCursor() == null) {
            wrongPages++;
            return;
        }
        HistoryPage older = messages.history(conversationId, new HistoryQuery(PAGE, newest.nextCursor(), null, false));
        long end = System.nanoTime();
        if (!holds(older, conversation, layout.messagesPerConversation() - PAGE)) {
            wrongPages++;
        }
        messages.get(HistoryLayout.messageId(conversation, 1));
        long afterGet = System.nanoTime();
        HistoryPage newestByTime = messages.history(conversationId, new HistoryQuery(PAGE, null, null, false, true));
        long betweenByTime = System.nanoTime();
        HistoryPage olderByTime = newestByTime.nextCursor() == null ? newestByTime
                : messages.history(conversationId, new HistoryQuery(PAGE, newestByTime.nextCursor(), null, false, true));
        long endByTime = System.nanoTime();
        if (!holds(newestByTime, conversation, layout.messagesPerConversation())
                || !holds(olderByTime, conversation, layout.messagesPerConversation() - PAGE)) {
            wrongPages++;
        }
        if (timed) {
            newestPages.add(between - start);
            olderPages.add(end - between);
            singleGets.add(afterGet - end);
            createdAtPages.add(betweenByTime - afterGet);
            createdAtPages.add(endByTime - betweenByTime);
        }
    }

    /** True when {@code page} lists positions {@code top}, top-1, … newest first, and says whether more exist. */
    private static boolean holds(HistoryPage page, int conversation, int top) {
        int expected = Math.min(PAGE, top);
        List<Document> found = page.messages();
        if (found.size() != expected || page.hasMore() != top > PAGE) {
            return false;
        }
        for (int i = 0; i < expected; i++) {
            if (!HistoryLayout.messageId(conversation, top - i).equals(found.get(i).getString("message_id"))) {
                return false;
            }
        }
        return true;
    }

    LoadedHistory store() {
        return history;
    }

    LatencySamples newestPages() {
        return newestPages;
    }

    LatencySamples olderPages() {
        return olderPages;
    }

    LatencySamples singleGets() {
        return singleGets;
    }

    LatencySamples createdAtPages() {
        return createdAtPages;
    }

    /** Both kinds of page together. */
    LatencySamples allPages() {
        LatencySamples all = new LatencySamples();
        all.addAll(newestPages);
        all.addAll(olderPages);
        return all;
    }

    int wrongPages() {
        return wrongPages;
    }
}
