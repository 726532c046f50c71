package dev.parley.bench.statusingest;

import dev.parley.messages.MessageStatus;
import dev.parley.messages.StatusEvent;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Seed 002's status rules as a naive webhook handler applies them to the document it just read:
 * skip an event already in the history (same status, timestamp second and execution id), append
 * it otherwise, and let the latest status only move forward in rank.
 */
final class NaiveStatusUpdate {

    private NaiveStatusUpdate() {
    }

    /** The fields to {@code $set}, or null when the event is a duplicate. */
    static Document fields(Document current, StatusEvent event, Date now) {
        List<Document> history = new ArrayList<>(current.getList("status_history", Document.class, List.of()));
        String key = key(event.status().wire(), event.timestamp().getEpochSecond(), event.executionId());
        for (Document entry : history) {
            if (key.equals(key(entry.getString("status"), entry.getDate("timestamp").toInstant().getEpochSecond(),
                    entry.getString("execution_id")))) {
                return null;
            }
        }
        history.add(new Document("status", event.status().wire()).append("timestamp", Date.from(event.timestamp()))
                .append("execution_id", event.executionId()).append("source", event.source()));
        String latest = current.getString("status");
        boolean forward = latest == null || event.status().rank() > MessageStatus.parse("status", latest).rank();
        return new Document("status", forward ? event.status().wire() : latest)
                .append("latest_timestamp", forward ? Date.from(event.timestamp()) : current.getDate("latest_timestamp"))
                .append("status_history", history)
                .append("status_count", history.size())
                .append("last_updated_at", now);
    }

    private static String key(String status, long epochSecond, String executionId) {
        return status + "|" + epochSecond + "|" + Objects.toString(executionId, "");
    }
}
