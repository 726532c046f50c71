package dev.parley.messages;

import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static dev.parley.messages.StatusIndexLayout.UPDATED;
import static dev.parley.messages.StatusIndexLayout.field;

/**
 * The status index updates that a set of message changes needs, merged per index document: one
 * update each ({@code $set}/{@code $unset} of entries, {@code $inc} of counts), whatever number of
 * messages moved in or out of it. Counts change only when a message's (conversation, status)
 * really moves, so a duplicate or late status that leaves the latest status alone changes none.
 */
final class StatusIndexWrites {

    private final Map<String, Document> sets = new LinkedHashMap<>();
    private final Map<String, Document> unsets = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> increments = new LinkedHashMap<>();

    /** A message moved from {@code before} to {@code after} (either null: not listed). */
    void move(StatusEntry before, StatusEntry after) {
        if (before == null && after == null || before != null && before.samePlace(after)) {
            return;
        }
        StatusEntry next = after == null ? null : after.movedFrom(before);
        String id = (after == null ? before : after).messageId();
        place(id, before == null ? null : StatusIndexLayout.statusList(before.status()), before,
                after == null ? null : StatusIndexLayout.statusList(after.status()), next);
        place(id, before == null ? null : UPDATED, before, after == null ? null : UPDATED, next);
        count(before, after);
    }

    private void place(String id, String oldList, StatusEntry before, String newList, StatusEntry next) {
        long oldTime = oldList == null ? 0 : StatusIndexLayout.timeIn(oldList, before);
        long newTime = newList == null ? 0 : StatusIndexLayout.timeIn(newList, next);
        int shard = StatusIndexLayout.shard(id);
        String oldBucket = oldList == null ? null : StatusIndexLayout.bucket(oldList, bucketSlot(oldList, oldTime), shard);
        String newBucket = newList == null ? null : StatusIndexLayout.bucket(newList, bucketSlot(newList, newTime), shard);
        String entryField = "e." + field(id);
        if (oldBucket != null && !oldBucket.equals(newBucket)) {
            unsets.computeIfAbsent(oldBucket, k -> new Document()).put(entryField, "");
            listed(oldList, oldTime, shard, -1);
        }
        if (newBucket != null) {
            // a status list only needs the time; the updated list keeps the whole entry
            sets.computeIfAbsent(newBucket, k -> new Document()).put(entryField,
                    UPDATED.equals(newList) ? next.toDocument() : next.t());
            Document pending = unsets.get(newBucket);
            if (pending != null) {
                pending.remove(entryField);
            }
            if (!newBucket.equals(oldBucket)) {
                listed(newList, newTime, shard, 1);
            }
        }
    }

    private static long bucketSlot(String list, long millis) {
        long[] spans = StatusIndexLayout.spans(list);
        return StatusIndexLayout.slot(millis, spans[spans.length - 1]);
    }

    /** One entry more or less at {@code millis}: every directory above its bucket counts it. */
    private void listed(String list, long millis, int shard, long delta) {
        long[] spans = StatusIndexLayout.spans(list);
        add(StatusIndexLayout.top(list), "n." + StatusIndexLayout.slot(millis, spans[0]), delta);
        add(StatusIndexLayout.top(list), "total", delta);
        int leaf = spans.length - 2;
        for (int level = 0; level <= leaf; level++) {
            long child = StatusIndexLayout.slot(millis, spans[level + 1]);
            add(StatusIndexLayout.directory(list, level, StatusIndexLayout.slot(millis, spans[level])),
                    "n." + (level == leaf ? StatusIndexLayout.bucketKey(child, shard) : Long.toString(child)), delta);
        }
    }

    private void count(StatusEntry before, StatusEntry after) {
        if (before != null && after != null && before.status().equals(after.status())
                && Objects.equals(before.conversationId(), after.conversationId())) {
            return;
        }
        if (before != null) {
            add(StatusIndexLayout.counters(before.conversationId()),
                    "n." + StatusIndexLayout.conversationField(before.conversationId()) + "." + before.status(), -1);
        }
        if (after != null) {
            add(StatusIndexLayout.counters(after.conversationId()),
                    "n." + StatusIndexLayout.conversationField(after.conversationId()) + "." + after.status(), 1);
        }
    }

    private void add(String doc, String path, long delta) {
        increments.computeIfAbsent(doc, k -> new LinkedHashMap<>()).merge(path, delta, Long::sum);
    }

    /** One update per index document touched (empty when nothing moved). */
    Map<String, Document> updates() {
        Map<String, Document> updates = new LinkedHashMap<>();
        sets.forEach((doc, fields) -> updates.computeIfAbsent(doc, k -> new Document()).append("$set", fields));
        unsets.forEach((doc, fields) -> {
            if (!fields.isEmpty()) {
                updates.computeIfAbsent(doc, k -> new Document()).append("$unset", fields);
            }
        });
        increments.forEach((doc, deltas) -> {
            Document inc = new Document();
            deltas.forEach((path, delta) -> {
                if (delta != 0) {
                    inc.append(path, delta);
                }
            });
            if (!inc.isEmpty()) {
                updates.computeIfAbsent(doc, k -> new Document()).append("$inc", inc);
            }
        });
        return updates;
    }

    boolean isEmpty() {
        return sets.isEmpty() && unsets.isEmpty() && increments.isEmpty();
    }
}
