package dev.parley.messages;

import dev.parley.NotFoundException;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * Reads a conversation's history by key only: the conversation's last position, one or two
 * page documents ({@code <tenant>|<conversation>|<page>}, 200 positions each), then the messages
 * by {@code _id $in}. No sort, no scan, so a page costs the same at 1k or 1M messages, on the
 * embedded server and on a real MongoDB.
 */
final class ConversationHistory {

    private final ScopedCollection messages;
    private final ScopedCollection pages;
    private final HistoryPositions conversations;

    ConversationHistory(ScopedCollection messages, ScopedCollection pages, HistoryPositions conversations) {
        this.messages = messages;
        this.pages = pages;
        this.conversations = conversations;
    }

    HistoryPage read(String conversationId, HistoryQuery query) {
        long last = conversations.lastHistoryPosition(conversationId);
        if (last < 0) {
            throw new NotFoundException("no conversation " + conversationId);
        }
        if (query.byCreatedAt()) {
            return new CreatedAtOrder(pages, this).read(conversationId, last, query);
        }
        boolean ascending = query.after() != null || query.ascending() && query.before() == null;
        long position = query.before() != null ? HistoryQuery.position("before", query.before()) - 1
                : query.after() != null ? HistoryQuery.position("after", query.after()) + 1
                : ascending ? 1 : last;
        List<Document> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (found.size() <= query.limit() && position >= 1 && position <= last) {
            List<Document> entries = entriesFrom(conversationId, position, last, ascending);
            if (entries.isEmpty()) {
                break;
            }
            List<Document> wanted = entries.subList(0, Math.min(entries.size(), query.limit() + 1 - found.size()));
            found.addAll(verified(wanted, seen));
            long lastExamined = wanted.get(wanted.size() - 1).get("s", Number.class).longValue();
            position = ascending ? lastExamined + 1 : lastExamined - 1;
        }
        boolean hasMore = found.size() > query.limit();
        List<Document> page = hasMore ? found.subList(0, query.limit()) : found;
        String next = hasMore ? HistoryQuery.cursor(page.get(page.size() - 1).get("history_seq", Number.class).longValue()) : null;
        return new HistoryPage(page.stream().map(Messages::view).toList(), next, hasMore);
    }

    /** Entries at {@code position} and beyond (in the reading direction) from that page and the next. */
    private List<Document> entriesFrom(String conversationId, long position, long last, boolean ascending) {
        long first = MessageWriter.page(position);
        long second = ascending ? first + 1 : first - 1;
        List<String> ids = new ArrayList<>(List.of(MessageWriter.pageId(conversationId, first)));
        if (second >= 0 && second <= MessageWriter.page(last)) {
            ids.add(MessageWriter.pageId(conversationId, second));
        }
        List<Document> entries = new ArrayList<>();
        for (Document page : pages.getAll(ids)) {
            for (Document entry : page.getList("entries", Document.class, List.of())) {
                long s = entry.get("s", Number.class).longValue();
                if (ascending ? s >= position : s <= position) {
                    entries.add(entry);
                }
            }
        }
        Comparator<Document> bySeq = Comparator.comparingLong(e -> e.get("s", Number.class).longValue());
        entries.sort(ascending ? bySeq : bySeq.reversed());
        return entries;
    }

    /** The messages of these entries, skipping positions a lost race left behind. */
    List<Document> verified(List<Document> entries, Set<String> seen) {
        Map<String, Document> byId = new HashMap<>();
        for (Document message : messages.getAll(entries.stream().map(e -> e.getString("m")).toList())) {
            byId.put(message.getString("message_id"), message);
        }
        List<Document> out = new ArrayList<>();
        for (Document entry : entries) {
            Document message = byId.get(entry.getString("m"));
            Number placed = message == null ? null : message.get("history_seq", Number.class);
            if (placed != null && placed.longValue() == entry.get("s", Number.class).longValue()
                    && seen.add(message.getString("message_id"))) {
                out.add(message);
            }
        }
        return out;
    }

    /** Every message id listed for the conversation, for per-conversation status queries. */
    List<String> allMessageIds(String conversationId) {
        long last = conversations.lastHistoryPosition(conversationId);
        if (last < 1) {
            return List.of();
        }
        List<String> pageIds = new ArrayList<>();
        for (long page = 0; page <= MessageWriter.page(last); page++) {
            pageIds.add(MessageWriter.pageId(conversationId, page));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int from = 0; from < pageIds.size(); from += 100) {
            for (Document page : pages.getAll(pageIds.subList(from, Math.min(pageIds.size(), from + 100)))) {
                page.getList("entries", Document.class, List.of()).forEach(e -> ids.add(e.getString("m")));
            }
        }
        return new ArrayList<>(ids);
    }
}
