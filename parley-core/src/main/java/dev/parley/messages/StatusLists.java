package dev.parley.messages;

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

    /** At most this many buckets in one {@code _id $in}. */
    private static final int KEYS_PER_READ = 256;

    private final ScopedCollection index;

    StatusLists(ScopedCollection index) {
        this.index = index;
    }

    /**
     * Messages in {@code statuses} with their entries, enough to cut a page of {@code limit} after
     * {@code cursor}: the lists' newest entries past the cursor, plus the messages that moved
     * since paging started.
     */
    Map<String, StatusEntry> candidates(Set<String> statuses, StatusCursor cursor, long asOf, int limit) {
        Map<String, StatusEntry> found = new LinkedHashMap<>();
        for (String status : statuses) {
            long upper = cursor == null ? Long.MAX_VALUE : StatusIndexLayout.second(cursor.t());
            walk(StatusIndexLayout.statusList(status), upper, Long.MIN_VALUE, limit, new ToIntFunction<>() {
                int wanted = limit;

                @Override
                public int applyAsInt(List<StatusEntry> entries) {
                    for (StatusEntry entry : entries) {
                        found.putIfAbsent(entry.messageId(), entry);
                        if (!moved(entry, statuses, asOf) && (cursor == null || cursor.isBefore(entry.t(), entry.messageId()))) {
                            wanted--;
                        }
                    }
                    return wanted;
                }
            });
        }
        if (cursor != null) {
            updatedSince(asOf + 1).forEach(entry -> {
                if (statuses.contains(entry.status()) && moved(entry, statuses, asOf)) {
                    found.put(entry.messageId(), entry);
                }
            });
        }
        return found;
    }

    /** Every listed message whose status history grew at or after {@code sinceMillis}. */
    List<StatusEntry> updatedSince(long sinceMillis) {
        List<StatusEntry> found = new ArrayList<>();
        walk(UPDATED, Long.MAX_VALUE, StatusIndexLayout.second(sinceMillis), Integer.MAX_VALUE, entries -> {
            entries.stream().filter(e -> e.u() >= sinceMillis).forEach(found::add);
            return Integer.MAX_VALUE;
        });
        return found;
    }

    /** The entries of {@code messageIds} in the updated list, found by their {@code last_updated_at}. */
    Map<String, StatusEntry> updatedEntries(Map<String, Long> updatedAtById) {
        List<String> buckets = updatedAtById.values().stream()
                .map(u -> StatusIndexLayout.bucket(UPDATED, StatusIndexLayout.second(u))).distinct().toList();
        Map<String, StatusEntry> found = new LinkedHashMap<>();
        for (StatusEntry entry : read(buckets)) {
            if (updatedAtById.containsKey(entry.messageId())) {
                found.put(entry.messageId(), entry);
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
     * Walks {@code list} newest bucket first, from {@code upperSecond} down to
     * {@code lowerSecond} (both inclusive), reading buckets by key in chunks that hold about
     * {@code want} entries; {@code sink} takes each chunk and returns how many more it wants
     * (0 or less stops the walk).
     */
    private void walk(String list, long upperSecond, long lowerSecond, int want, ToIntFunction<List<StatusEntry>> sink) {
        Document top = index.get(StatusIndexLayout.top(list)).orElse(null);
        if (top == null) {
            return;
        }
        int wanted = want;
        for (long[] hour : counted(top, StatusIndexLayout.hourOf(lowerSecond), StatusIndexLayout.hourOf(upperSecond))) {
            Document hourDoc = index.get(StatusIndexLayout.hour(list, hour[0])).orElse(null);
            if (hourDoc == null) {
                continue;
            }
            List<long[]> seconds = counted(hourDoc, lowerSecond, upperSecond);
            for (int i = 0; i < seconds.size(); ) {
                List<String> keys = new ArrayList<>();
                long held = 0;
                while (i < seconds.size() && (keys.isEmpty() || held < wanted) && keys.size() < KEYS_PER_READ) {
                    keys.add(StatusIndexLayout.bucket(list, seconds.get(i)[0]));
                    held += seconds.get(i)[1];
                    i++;
                }
                wanted = sink.applyAsInt(read(keys));
                if (wanted <= 0) {
                    return;
                }
            }
        }
    }

    /** The non-zero counts of a directory document within {@code [from, to]}, highest key first. */
    private static List<long[]> counted(Document directory, long from, long to) {
        List<long[]> counted = new ArrayList<>();
        Document n = directory.get("n", Document.class);
        if (n != null) {
            n.forEach((key, count) -> {
                long at = Long.parseLong(key);
                long held = ((Number) count).longValue();
                if (held > 0 && at >= from && at <= to) {
                    counted.add(new long[] {at, held});
                }
            });
        }
        counted.sort(Comparator.comparingLong((long[] c) -> c[0]).reversed());
        return counted;
    }

    private List<StatusEntry> read(List<String> buckets) {
        List<StatusEntry> entries = new ArrayList<>();
        for (Document bucket : index.getAll(buckets)) {
            Document e = bucket.get("e", Document.class);
            if (e != null) {
                e.forEach((field, kept) -> entries.add(StatusEntry.read(StatusIndexLayout.id(field), (Document) kept)));
            }
        }
        return entries;
    }
}
