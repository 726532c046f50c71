package dev.parley.messages;

import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conversation's history in seed 004's order, {@code created_at} (then history position), read
 * by key like the log order. Beside its pages, a conversation keeps directory documents
 * ({@code <tenant>|<conversation>|d<k>}, one per {@value #SPAN} pages) holding each page's earliest
 * and latest {@code created_at}, kept with {@code $min}/{@code $max} in the same bulk write that
 * lists messages on the page (commutative, so concurrent writers need no order). A page read
 * knows from the directory which pages can hold the next messages in time and reads only those:
 * when messages were logged in time order, as live traffic is, the one or two newest pages, as
 * the log order reads.
 */
final class CreatedAtOrder {

    /** Pages one directory document covers. */
    static final int SPAN = 500;
    /** Pages read per round trip while looking for the next messages in time. */
    private static final int PAGES_PER_READ = 4;

    private final ScopedCollection pages;
    private final ConversationHistory history;

    CreatedAtOrder(ScopedCollection pages, ConversationHistory history) {
        this.pages = pages;
        this.history = history;
    }

    static String directoryId(String conversationId, long page) {
        return conversationId + "|d" + page / SPAN; // never a page's id: those end in |<digits>
    }

    /**
     * Adds to {@code updates} (by local id) the directory changes for the entries just listed on
     * {@code byPage}'s pages, merged per directory document.
     */
    static void recordRanges(Map<String, Document> updates, String conversationId, Map<Long, List<Document>> byPage) {
        byPage.forEach((page, entries) -> {
            Date lo = null;
            Date hi = null;
            for (Document entry : entries) {
                Date t = time(entry);
                lo = lo == null || t.before(lo) ? t : lo;
                hi = hi == null || t.after(hi) ? t : hi;
            }
            Document update = updates.computeIfAbsent(directoryId(conversationId, page), id -> new Document("$min", new Document())
                    .append("$max", new Document()).append("$setOnInsert", new Document("conversation_id", conversationId)
                            .append("directory", page / SPAN)));
            merge(update.get("$min", Document.class), "lo.p" + page, lo, true);
            merge(update.get("$max", Document.class), "hi.p" + page, hi, false);
        });
    }

    private static void merge(Document operator, String field, Date value, boolean lowest) {
        Date already = operator.getDate(field);
        if (already == null || (lowest ? value.before(already) : value.after(already))) {
            operator.put(field, value);
        }
    }

    private static Date time(Document entry) {
        return entry.get("t") instanceof Date t ? t : new Date(0); // every placed message has a created_at
    }

    /** A page's time range. */
    private record Range(long page, Date lo, Date hi) {
    }

    /** An entry's place in this order. */
    private record Key(long time, long position, Document entry) {
    }

    private static final Comparator<Key> ASCENDING = Comparator.comparingLong(Key::time).thenComparingLong(Key::position);

    HistoryPage read(String conversationId, long last, HistoryQuery query) {
        boolean ascending = query.after() != null || query.ascending() && query.before() == null;
        long[] cursor = query.before() != null ? HistoryQuery.createdAtCursor("before", query.before())
                : query.after() != null ? HistoryQuery.createdAtCursor("after", query.after()) : null;
        List<Range> ranges = new ArrayList<>(ranges(conversationId, last));
        if (cursor != null) { // pages wholly on the wrong side of the cursor cannot hold a message of this page
            ranges.removeIf(r -> ascending ? r.hi().getTime() < cursor[0] : r.lo().getTime() > cursor[0]);
        }
        ranges.sort(ascending ? Comparator.comparing(Range::lo) : Comparator.comparing(Range::hi).reversed());
        Comparator<Key> order = ascending ? ASCENDING : ASCENDING.reversed();
        TreeSet<Key> candidates = new TreeSet<>(order);
        int need = query.limit() + 1;
        int next = 0;
        List<Document> found;
        while (true) {
            while (next < ranges.size() && !settled(candidates, need, ranges.get(next), ascending)) {
                List<Range> batch = ranges.subList(next, Math.min(ranges.size(), next + PAGES_PER_READ));
                next += batch.size();
                for (Document entry : entries(conversationId, batch)) {
                    Key key = new Key(time(entry).getTime(), entry.get("s", Number.class).longValue(), entry);
                    if (cursor == null || order.compare(key, new Key(cursor[0], cursor[1], null)) > 0) {
                        candidates.add(key);
                    }
                }
            }
            List<Key> top = candidates.stream().limit(need).toList();
            found = history.verified(top.stream().map(Key::entry).toList(), new HashSet<>());
            Set<Object> valid = new HashSet<>();
            found.forEach(message -> valid.add(message.get("history_seq", Number.class).longValue()));
            List<Key> lost = top.stream().filter(key -> !valid.contains(key.position())).toList();
            if (lost.isEmpty()) {
                break;
            }
            lost.forEach(candidates::remove); // positions a lost race left behind, or duplicates: look further
        }
        boolean hasMore = found.size() > query.limit();
        List<Document> page = hasMore ? found.subList(0, query.limit()) : found;
        String nextCursor = null;
        if (hasMore) { // the entry's time, the one this order sorts by (the created_at the message was placed with)
            long position = page.get(page.size() - 1).get("history_seq", Number.class).longValue();
            Key lastShown = candidates.stream().filter(key -> key.position() == position).findFirst().orElseThrow();
            nextCursor = HistoryQuery.createdAtCursor(lastShown.time(), position);
        }
        return new HistoryPage(page.stream().map(Messages::view).toList(), nextCursor, hasMore);
    }

    /** True when no page from {@code range} on can hold one of the first {@code need} candidates. */
    private static boolean settled(TreeSet<Key> candidates, int need, Range range, boolean ascending) {
        if (candidates.size() < need) {
            return false;
        }
        Key kth = candidates.stream().skip(need - 1).findFirst().orElseThrow();
        // strictly: a page whose bound equals the kth time may hold an equal time at a later position
        return ascending ? kth.time() < range.lo().getTime() : kth.time() > range.hi().getTime();
    }

    private List<Document> entries(String conversationId, List<Range> batch) {
        List<String> ids = batch.stream().map(r -> MessageWriter.pageId(conversationId, r.page())).toList();
        List<Document> entries = new ArrayList<>();
        for (Document page : pages.getAll(ids)) {
            entries.addAll(page.getList("entries", Document.class, List.of()));
        }
        return entries;
    }

    /**
     * Every page's range from the directory; pages it does not know yet (written before it
     * existed) are read once and recorded, so later reads find them.
     */
    private List<Range> ranges(String conversationId, long last) {
        long lastPage = MessageWriter.page(last);
        List<String> directoryIds = new ArrayList<>();
        for (long k = 0; k <= lastPage / SPAN; k++) {
            directoryIds.add(conversationId + "|d" + k);
        }
        Map<Long, Range> known = new HashMap<>();
        for (Document directory : pages.getAll(directoryIds)) {
            Document lo = directory.get("lo", Document.class);
            Document hi = directory.get("hi", Document.class);
            if (lo == null || hi == null) {
                continue;
            }
            lo.forEach((name, value) -> {
                long page = Long.parseLong(name.substring(1));
                if (hi.get(name) instanceof Date h && value instanceof Date l) {
                    known.put(page, new Range(page, l, h));
                }
            });
        }
        List<Long> unknown = new ArrayList<>();
        for (long page = 0; page <= lastPage; page++) {
            if (!known.containsKey(page)) {
                unknown.add(page);
            }
        }
        if (!unknown.isEmpty()) {
            known.putAll(recordMissing(conversationId, unknown));
        }
        return new ArrayList<>(known.values());
    }

    private Map<Long, Range> recordMissing(String conversationId, List<Long> unknown) {
        Map<Long, Range> found = new HashMap<>();
        for (int from = 0; from < unknown.size(); from += 100) {
            List<String> ids = unknown.subList(from, Math.min(unknown.size(), from + 100)).stream()
                    .map(page -> MessageWriter.pageId(conversationId, page)).toList();
            Map<Long, List<Document>> byPage = new LinkedHashMap<>();
            for (Document page : pages.getAll(ids)) {
                List<Document> entries = page.getList("entries", Document.class, List.of());
                if (!entries.isEmpty()) {
                    byPage.put(page.get("page", Number.class).longValue(), entries);
                }
            }
            Map<String, Document> updates = new LinkedHashMap<>();
            recordRanges(updates, conversationId, byPage);
            pages.updateByKeys(updates, true); // $min/$max: harmless beside writers doing the same
            byPage.forEach((page, entries) -> {
                Date lo = entries.stream().map(CreatedAtOrder::time).min(Date::compareTo).orElseThrow();
                Date hi = entries.stream().map(CreatedAtOrder::time).max(Date::compareTo).orElseThrow();
                found.put(page, new Range(page, lo, hi));
            });
        }
        return found;
    }
}
