package dev.parley.messages;

import dev.parley.InvalidInputException;
import dev.parley.store.Find;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Seed 002's status lists, read from the messages through the declared indexes
 * {@code (organization_id, status, latest_timestamp)} and {@code (organization_id, last_updated_at)}:
 * a real MongoDB serves them with its own indexes, the embedded H2 server with its ordered ones,
 * newest first, so a page reads about a page of messages.
 *
 * <p>Paging is stable: a message that moved after the client started paging ({@code u > asOf})
 * from a status the list shows keeps the place it had then ({@code pt}, kept on the message as
 * {@code previous_status}/{@code previous_latest_timestamp}), so it is neither shown twice (it
 * moved up past the cursor after being shown) nor skipped (it moved up past the cursor before
 * being shown). A message that left the list's statuses is gone, as it should be; one that joined
 * is placed by its current time. Places are {@code (latest_timestamp, message_id)}, newest first.
 */
final class StatusLists {

    /** A cursor older than this many changes of the tenant's statuses is refused rather than read at length. */
    static final int MAX_MOVED = 20_000;

    /** What places a message in a list: read instead of whole messages while choosing a page. */
    private static final Document PLACE = new Document("message_id", 1).append("status", 1).append("latest_timestamp", 1)
            .append("last_updated_at", 1).append("updated_at", 1).append("conversation_id", 1)
            .append(StatusEntry.PREVIOUS_STATUS, 1).append(StatusEntry.PREVIOUS_TIME, 1);

    private final ScopedCollection messages;

    StatusLists(ScopedCollection messages) {
        this.messages = messages;
    }

    /**
     * Messages in {@code statuses}, enough to cut a page of {@code want - 1} after {@code cursor}:
     * those that moved since paging started, then the newest past the cursor; each by message id.
     */
    Map<String, StatusEntry> candidates(Set<String> statuses, StatusCursor cursor, long asOf, int want) {
        Map<String, StatusEntry> found = new LinkedHashMap<>();
        int moved = 0;
        if (cursor != null) {
            for (StatusEntry entry : updatedSince(asOf + 1, null).limit(MAX_MOVED + 1).map(StatusLists::entry)) {
                if (++moved > MAX_MOVED) {
                    throw new InvalidInputException("cursor", "is too old: more than " + MAX_MOVED
                            + " statuses changed since its first page was read; start again without a cursor");
                }
                found.put(entry.messageId(), entry);
            }
        }
        Document inList = new Document("status", new Document("$in", new ArrayList<>(statuses)));
        if (cursor != null) { // the ties at the cursor's time first, then what is older
            ties(inList, cursor.t(), found);
            inList.append("latest_timestamp", new Document("$lt", new Date(cursor.t())));
        }
        // a message that moved since asOf may be among these at its new place: read that many more
        int limit = want + moved;
        long oldest = Long.MAX_VALUE;
        int read = 0;
        for (StatusEntry entry : messages.find(inList).projection(PLACE).sort(new Document("latest_timestamp", -1))
                .limit(limit).map(StatusLists::entry)) {
            found.putIfAbsent(entry.messageId(), entry);
            oldest = Math.min(oldest, entry.t());
            read++;
        }
        if (read == limit) { // the limit may have cut a run of equal times: the page needs all of it
            ties(inList, oldest, found);
        }
        return found;
    }

    /** Every message in the list's statuses at exactly {@code t} (an equality on the index's time). */
    private void ties(Document inList, long t, Map<String, StatusEntry> found) {
        Document ties = new Document("status", inList.get("status")).append("latest_timestamp", new Date(t));
        messages.find(ties).projection(PLACE).map(StatusLists::entry).forEach(e -> found.putIfAbsent(e.messageId(), e));
    }

    /** Messages with a status (in {@code statuses}, when given) whose history last grew at or after {@code sinceMillis}, oldest change first. */
    Find updatedSince(long sinceMillis, Set<String> statuses) {
        Document filter = new Document("last_updated_at", new Document("$gte", new Date(sinceMillis)));
        if (statuses != null) {
            filter.append("status", new Document("$in", new ArrayList<>(statuses)));
        }
        return messages.find(filter).projection(PLACE).sort(new Document("last_updated_at", 1));
    }

    static StatusEntry entry(Document place) {
        return StatusEntry.of(place.getString("message_id"), place);
    }

    /**
     * The first {@code limit + 1} of {@code candidates} in {@code statuses} after {@code cursor},
     * in page order (one more than a page, to tell whether there is more).
     */
    static List<StatusEntry> select(Iterable<StatusEntry> candidates, Set<String> statuses, StatusCursor cursor,
                                    long asOf, int limit) {
        Comparator<StatusEntry> newestFirst = Comparator.comparingLong((StatusEntry e) -> place(e, statuses, asOf))
                .thenComparing(StatusEntry::messageId).reversed();
        PriorityQueue<StatusEntry> kept = new PriorityQueue<>(newestFirst.reversed()); // the oldest kept on top
        for (StatusEntry entry : candidates) {
            if (entry != null && statuses.contains(entry.status())
                    && (cursor == null || cursor.isBefore(place(entry, statuses, asOf), entry.messageId()))) {
                kept.add(entry);
                if (kept.size() > limit + 1) {
                    kept.poll(); // memory stays a page, however many candidates stream by
                }
            }
        }
        List<StatusEntry> page = new ArrayList<>(kept);
        page.sort(newestFirst);
        return page;
    }

    /** The time that places {@code entry} in a list of {@code statuses} paged since {@code asOf}. */
    static long place(StatusEntry entry, Set<String> statuses, long asOf) {
        return moved(entry, statuses, asOf) ? entry.pt() : entry.t();
    }

    /** Moved after paging started, from a place in the same list. */
    private static boolean moved(StatusEntry entry, Set<String> statuses, long asOf) {
        return entry.u() > asOf && entry.pt() != null && entry.ps() != null && statuses.contains(entry.ps());
    }
}
