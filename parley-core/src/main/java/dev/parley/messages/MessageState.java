package dev.parley.messages;

import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pure part of status tracking: given a message's stored document and what arrived for it,
 * the fields it must have now. Deterministic and idempotent, so applying the same events again,
 * in any order, from any number of writers, gives the same document (seed 002's upsert rules
 * plus "the latest status never moves backwards").
 */
final class MessageState {

    /** Fields owned by the status tracker; a body never sets them. */
    private static final List<String> STATUS_FIELDS = List.of("status", "latest_timestamp", "status_history",
            "status_count", "errors");
    /** When Parley stored the message (retention counts from it): set on insert, never changed after. */
    static final String STORED_AT = "stored_at";

    private MessageState() {
    }

    /**
     * @param fields  every field to store ({@code null} when nothing changed)
     * @param scanned true when the only news is that a scan saw the message
     */
    record Outcome(Document fields, boolean scanned) {

        boolean unchanged() {
            return fields == null;
        }
    }

    static Outcome apply(Document current, List<Document> bodies, List<StatusEvent> events, Instant now) {
        Document next = current == null ? new Document() : new Document(current);
        next.remove("_id");
        next.remove("organization_id");
        next.remove("rev");
        for (Document body : bodies) {
            mergeBody(next, body);
        }
        boolean statusChanged = mergeEvents(next, events);
        namesConversationInHistory(next);
        keepStoredAt(next, current);
        boolean scanned = events.stream().anyMatch(StatusEvent::scan);
        Document before = current == null ? null : strip(current);
        if (before != null && before.equals(next) && !statusChanged) {
            return new Outcome(null, scanned);
        }
        if (current == null) {
            next.put(STORED_AT, Date.from(now));
            next.put("first_seen_at", Date.from(now));
            next.putIfAbsent("direction", "outbound");
            next.putIfAbsent("created_at", next.get("latest_timestamp") != null ? next.get("latest_timestamp") : Date.from(now));
        }
        if (statusChanged) {
            next.put("last_updated_at", Date.from(now));
            remembersPlace(next, current);
        }
        if (scanned) {
            next.put("last_scanned_at", Date.from(now));
        }
        keepRecordedTimes(next, current, events, statusChanged);
        next.put("updated_at", Date.from(now));
        return new Outcome(next, scanned);
    }

    /**
     * Where the message stood before its history grew, so a client paging a status list keeps
     * the place it saw ({@link StatusLists}): the stored status and time, or none for a message
     * that had no status.
     */
    private static void remembersPlace(Document next, Document current) {
        if (current != null && current.get("status") != null) {
            next.put(StatusEntry.PREVIOUS_STATUS, current.get("status"));
            next.put(StatusEntry.PREVIOUS_TIME, current.get("latest_timestamp"));
        } else {
            next.remove(StatusEntry.PREVIOUS_STATUS);
            next.remove(StatusEntry.PREVIOUS_TIME);
        }
    }

    /**
     * Seed 002 has {@code conversation_id} on every history entry: entries whose event named none
     * get the message's, once it is known.
     */
    private static void namesConversationInHistory(Document next) {
        Object conversation = next.get("conversation_id");
        List<Document> history = next.getList("status_history", Document.class, List.of());
        if (conversation == null || history.stream().allMatch(entry -> entry.get("conversation_id") != null)) {
            return;
        }
        List<Document> named = new ArrayList<>(history.size());
        for (Document entry : history) {
            named.add(entry.get("conversation_id") != null ? entry : new Document(entry).append("conversation_id", conversation));
        }
        next.put("status_history", named);
    }

    /**
     * An imported seed 002 document's own times win over the import's: the earliest
     * {@code first_seen_at}, and the latest {@code last_updated_at} (when the history grew) and
     * {@code last_scanned_at}, of what is stored and what the documents recorded.
     */
    private static void keepRecordedTimes(Document next, Document current, List<StatusEvent> events, boolean statusChanged) {
        List<Document> recorded = events.stream().map(StatusEvent::recorded).filter(Objects::nonNull).toList();
        if (recorded.isEmpty()) {
            return;
        }
        keep(next, current, recorded, "first_seen_at", true);
        if (statusChanged) {
            keep(next, current, recorded, "last_updated_at", false);
        }
        keep(next, current, recorded, "last_scanned_at", false);
    }

    /** {@code field} := the earliest (or latest) of the recorded times and the stored one; unchanged when none was recorded. */
    private static void keep(Document next, Document current, List<Document> recorded, String field, boolean earliest) {
        Date chosen = current == null ? null : current.getDate(field);
        boolean any = false;
        for (Document times : recorded) {
            Date at = times.getDate(field);
            if (at != null) {
                any = true;
                chosen = chosen == null || (earliest ? at.before(chosen) : at.after(chosen)) ? at : chosen;
            }
        }
        if (any) {
            next.put(field, chosen);
        }
    }

    /** Whatever a body or a provider's details said, {@code stored_at} stays what the first write set (absent on older messages). */
    private static void keepStoredAt(Document next, Document current) {
        Object stored = current == null ? null : current.get(STORED_AT);
        if (stored == null) {
            next.remove(STORED_AT);
        } else {
            next.put(STORED_AT, stored);
        }
    }

    private static Document strip(Document current) {
        Document copy = new Document(current);
        copy.remove("_id");
        copy.remove("organization_id");
        copy.remove("rev");
        return copy;
    }

    private static void mergeBody(Document next, Document body) {
        boolean firstBody = !Boolean.TRUE.equals(next.get("body_logged"));
        for (Map.Entry<String, Object> field : body.entrySet()) {
            String name = field.getKey();
            if (STATUS_FIELDS.contains(name)) {
                continue;
            }
            if (name.equals("metadata") && next.get("metadata") instanceof Document existing) {
                Document merged = new Document(existing);
                merged.putAll((Document) field.getValue());
                next.put("metadata", merged);
            } else if (name.equals("created_at") && !firstBody && next.get("created_at") != null) {
                continue; // a re-logged message keeps the time it was first logged with
            } else {
                next.put(name, field.getValue());
            }
        }
        next.put("body_logged", true);
    }

    /** Adds new events to the history and recomputes the latest status; true when the history grew. */
    private static boolean mergeEvents(Document next, List<StatusEvent> events) {
        if (events.isEmpty()) {
            return false;
        }
        // details are facts of the provider's latest word on the message, applied in time order
        events = events.stream().sorted(Comparator.comparing(StatusEvent::timestamp)).toList();
        Map<String, Document> history = new LinkedHashMap<>();
        for (Document entry : next.getList("status_history", Document.class, List.of())) {
            history.put(key(entry), entry);
        }
        int before = history.size();
        for (StatusEvent event : events) {
            if (event.details() != null) {
                next.putAll(event.details());
            }
            Document entry = event.historyEntry();
            history.putIfAbsent(key(entry), entry);
            if (next.get("conversation_id") == null && event.conversationId() != null) {
                next.put("conversation_id", event.conversationId());
            }
        }
        if (history.size() == before) {
            return false;
        }
        List<Document> entries = new ArrayList<>(history.values());
        entries.sort(Comparator.comparing((Document e) -> e.getDate("timestamp"))
                .thenComparing(e -> MessageStatus.parse("status", e.getString("status")).rank())
                .thenComparing(e -> Objects.toString(e.getString("execution_id"), "")));
        next.put("status_history", entries);
        next.put("status_count", entries.size());
        Document latest = latest(entries);
        next.put("status", latest.getString("status"));
        next.put("latest_timestamp", latest.getDate("timestamp"));
        recordMilestones(next, entries);
        return true;
    }

    /** The highest-ranked status, at the first time the message reached it. */
    private static Document latest(List<Document> entries) {
        Document best = null;
        int bestRank = -1;
        for (Document entry : entries) {
            int rank = MessageStatus.parse("status", entry.getString("status")).rank();
            if (rank > bestRank) {
                best = entry;
                bestRank = rank;
            }
        }
        return best;
    }

    /** Seed 004's metadata.delivered_at/read_at, and the provider's errors of failed events. */
    private static void recordMilestones(Document next, List<Document> entries) {
        Document metadata = next.get("metadata") instanceof Document m ? new Document(m) : new Document();
        List<Document> errors = new ArrayList<>();
        for (Document entry : entries) {
            String status = entry.getString("status");
            if (status.equals("delivered") || status.equals("read")) {
                metadata.putIfAbsent(status + "_at", entry.getDate("timestamp"));
            }
            if (entry.get("error") instanceof Document error && !errors.contains(error)) {
                errors.add(error);
            }
        }
        if (!metadata.isEmpty()) {
            next.put("metadata", metadata);
        }
        if (!errors.isEmpty()) {
            next.put("errors", errors);
        }
    }

    static String key(Document entry) {
        String time = "received".equals(entry.getString("timestamp_source")) ? "received"
                : Long.toString(entry.getDate("timestamp").toInstant().getEpochSecond());
        return entry.getString("status") + "|" + time + "|" + Objects.toString(entry.getString("execution_id"), "");
    }
}
