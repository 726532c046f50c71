package dev.parley.messages;

import dev.parley.store.Keys;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

import static dev.parley.messages.StatusIndexLayout.UPDATED;

/**
 * Reads the status index's lists by key, newest first, and picks a page.
 *
 * <p>Paging is stable: a message that moved after the client started paging ({@code u > asOf})
 * from a status the list shows keeps the place it had then ({@code pt}), so it is neither shown
 * twice (it moved up past the cursor after being shown) nor skipped (it moved up past the cursor
 * before being shown). A message that left the list's statuses is gone, as it should be; one that
 * joined is placed by its current time. Places are {@code (latest_timestamp, message_id)}, newest
 * first.
 */
final class StatusLists {

    /** At most this many documents in one {@code _id $in}. */
    private static final int KEYS_PER_READ = 256;

    private final ScopedCollection index;

    StatusLists(ScopedCollection index) {
        this.index = index;
    }

    /**
     * Messages in {@code statuses} with their entries, enough to cut a page of {@code want - 1}
     * after {@code cursor}: the messages that moved since paging started, then each list's newest
     * entries past the cursor.
     */
    Map<String, StatusEntry> candidates(Set<String> statuses, StatusCursor cursor, long asOf, int want) {
        Map<String, StatusEntry> moved = new LinkedHashMap<>();
        if (cursor != null) {
            for (StatusEntry entry : updatedSince(asOf + 1)) {
                if (statuses.contains(entry.status())) {
                    moved.put(entry.messageId(), entry);
                }
            }
        }
        Map<String, StatusEntry> found = new LinkedHashMap<>();
        for (String status : statuses) {
            long upper = cursor == null ? Long.MAX_VALUE : cursor.t();
            walk(StatusIndexLayout.statusList(status), upper, Long.MIN_VALUE, want, new ToIntFunction<>() {
                int wanted = want;

                @Override
                public int applyAsInt(List<StatusEntry> entries) {
                    for (StatusEntry entry : entries) {
                        found.putIfAbsent(entry.messageId(), entry);
                        if (!moved.containsKey(entry.messageId()) && (cursor == null || cursor.isBefore(entry.t(), entry.messageId()))) {
                            wanted--;
                        }
                    }
                    return wanted;
                }
            });
        }
        found.putAll(moved);
        return found;
    }

    /** Every listed message whose status history last grew at or after {@code sinceMillis}. */
    List<StatusEntry> updatedSince(long sinceMillis) {
        List<StatusEntry> found = new ArrayList<>();
        walk(UPDATED, Long.MAX_VALUE, sinceMillis, Integer.MAX_VALUE, entries -> {
            entries.stream().filter(e -> e.u() >= sinceMillis).forEach(found::add);
            return Integer.MAX_VALUE;
        });
        return found;
    }

    /** The updated list's entries of messages by their {@code last_updated_at}. */
    Map<String, StatusEntry> updatedEntries(Map<String, Long> updatedAtById) {
        long[] spans = StatusIndexLayout.spans(UPDATED);
        List<String> buckets = updatedAtById.entrySet().stream()
                .map(e -> StatusIndexLayout.bucket(UPDATED, StatusIndexLayout.slot(e.getValue(), spans[spans.length - 1]),
                        StatusIndexLayout.shard(e.getKey()))).distinct().toList();
        Map<String, StatusEntry> found = new LinkedHashMap<>();
        for (int from = 0; from < buckets.size(); from += KEYS_PER_READ) {
            for (StatusEntry entry : read(UPDATED, buckets.subList(from, Math.min(buckets.size(), from + KEYS_PER_READ)))) {
                if (updatedAtById.containsKey(entry.messageId())) {
                    found.put(entry.messageId(), entry);
                }
            }
        }
        return found;
    }

    /**
     * The first {@code limit + 1} of {@code candidates} in {@code statuses} after {@code cursor},
     * in page order (one more than a page, to tell whether there is more).
     */
    static List<StatusEntry> select(Iterable<StatusEntry> candidates, Set<String> statuses, StatusCursor cursor,
                                    long asOf, int limit) {
        List<StatusEntry> page = new ArrayList<>();
        for (StatusEntry entry : candidates) {
            long place = place(entry, statuses, asOf);
            if (statuses.contains(entry.status()) && (cursor == null || cursor.isBefore(place, entry.messageId()))) {
                page.add(entry);
            }
        }
        page.sort(Comparator.comparingLong((StatusEntry e) -> place(e, statuses, asOf))
                .thenComparing(StatusEntry::messageId).reversed());
        return page.size() > limit + 1 ? new ArrayList<>(page.subList(0, limit + 1)) : page;
    }

    /** The time that places {@code entry} in a list of {@code statuses} paged since {@code asOf}. */
    static long place(StatusEntry entry, Set<String> statuses, long asOf) {
        return moved(entry, statuses, asOf) ? entry.pt() : entry.t();
    }

    /** Moved after paging started, from a place in the same list. */
    private static boolean moved(StatusEntry entry, Set<String> statuses, long asOf) {
        return entry.u() > asOf && entry.pt() != null && entry.ps() != null && statuses.contains(entry.ps());
    }

    /**
     * Walks {@code list} newest bucket first, from {@code upper} down to {@code lower} (epoch
     * milliseconds, both inclusive, to bucket precision), reading directories and buckets by key in
     * chunks that hold about {@code want} entries; {@code sink} takes each chunk of entries and
     * returns how many more it wants (0 or less stops the walk).
     */
    private void walk(String list, long upper, long lower, int want, ToIntFunction<List<StatusEntry>> sink) {
        long[] spans = StatusIndexLayout.spans(list);
        index.get(StatusIndexLayout.top(list)).ifPresent(top -> new Walk(list, spans, upper, lower, want, sink)
                .descend(-1, counted(top, StatusIndexLayout.slot(lower, spans[0]), StatusIndexLayout.slot(upper, spans[0]))));
    }

    /** One walk down the directory tree; {@code level} -1 is the top, whose children are level 0's slots. */
    private final class Walk {

        private final String list;
        private final long[] spans;
        private final long upper;
        private final long lower;
        private final ToIntFunction<List<StatusEntry>> sink;
        private int wanted;

        Walk(String list, long[] spans, long upper, long lower, int want, ToIntFunction<List<StatusEntry>> sink) {
            this.list = list;
            this.spans = spans;
            this.upper = upper;
            this.lower = lower;
            this.wanted = want;
            this.sink = sink;
        }

        /** Visits {@code children} (slots of {@code spans[level + 1]} with their counts, newest first); false once done. */
        boolean descend(int level, List<long[]> children) {
            int childLevel = level + 1;
            boolean buckets = childLevel == spans.length - 1;
            for (int i = 0; i < children.size(); ) {
                List<String> keys = new ArrayList<>();
                List<long[]> chunk = new ArrayList<>();
                long held = 0;
                while (i < children.size()) {
                    long[] child = children.get(i);
                    // a chunk of buckets never splits a slot: its shards' entries interleave in time
                    boolean sameSlot = buckets && !chunk.isEmpty() && child[0] == chunk.get(chunk.size() - 1)[0];
                    if (!chunk.isEmpty() && !sameSlot && (held >= wanted || keys.size() >= KEYS_PER_READ)) {
                        break;
                    }
                    i++;
                    keys.add(buckets ? StatusIndexLayout.bucket(list, child[0], (int) child[2])
                            : StatusIndexLayout.directory(list, childLevel, child[0]));
                    chunk.add(child);
                    held += child[1];
                }
                if (buckets) {
                    wanted = sink.applyAsInt(read(list, keys));
                    if (wanted <= 0) {
                        return false;
                    }
                    continue;
                }
                Map<String, Document> docs = new LinkedHashMap<>();
                index.getAll(keys).forEach(doc -> docs.put(localId(doc), doc));
                for (int k = 0; k < keys.size(); k++) {
                    Document directory = docs.get(keys.get(k));
                    if (directory != null && !descend(childLevel, counted(directory, StatusIndexLayout.slot(lower, spans[childLevel + 1]),
                            StatusIndexLayout.slot(upper, spans[childLevel + 1])))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private String localId(Document doc) {
        return Keys.local(doc.getString("_id"), index.tenant());
    }

    /**
     * The non-zero counts of a directory document within {@code [from, to]}, highest slot first:
     * {@code {slot, count}}, or {@code {slot, count, shard}} from a leaf directory.
     */
    private static List<long[]> counted(Document directory, long from, long to) {
        List<long[]> counted = new ArrayList<>();
        Document n = directory.get("n", Document.class);
        if (n != null) {
            n.forEach((key, count) -> {
                int colon = key.indexOf(':');
                long at = Long.parseLong(colon < 0 ? key : key.substring(0, colon));
                long held = ((Number) count).longValue();
                if (held > 0 && at >= from && at <= to) {
                    counted.add(colon < 0 ? new long[] {at, held} : new long[] {at, held, Long.parseLong(key.substring(colon + 1))});
                }
            });
        }
        counted.sort(Comparator.comparingLong((long[] c) -> c[0]).reversed());
        return counted;
    }

    private List<StatusEntry> read(String list, List<String> buckets) {
        String status = UPDATED.equals(list) ? null : list.substring(2);
        List<StatusEntry> entries = new ArrayList<>();
        for (Document bucket : index.getAll(buckets)) {
            Document e = bucket.get("e", Document.class);
            if (e != null) {
                e.forEach((field, kept) -> entries.add(status == null ? StatusEntry.read(StatusIndexLayout.id(field), (Document) kept)
                        : StatusEntry.listed(StatusIndexLayout.id(field), status, ((Number) kept).longValue())));
            }
        }
        return entries;
    }
}
