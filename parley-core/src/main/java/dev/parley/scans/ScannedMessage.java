package dev.parley.scans;

import dev.parley.messages.StatusEvent;
import org.bson.Document;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One message as a scan saw it: its distinct status events, oldest first.
 *
 * @param events deduplicated on status + timestamp + execution id, as Parley stores them
 */
public record ScannedMessage(String messageId, List<StatusEvent> events) {

    static final Comparator<StatusEvent> IN_TIME = Comparator.comparing(StatusEvent::timestamp)
            .thenComparing(e -> e.status().rank()).thenComparing(e -> Objects.toString(e.executionId(), ""));

    public ScannedMessage {
        events = events.stream().sorted(IN_TIME).toList();
    }

    /**
     * The latest status as Parley computes it: the highest-ranked one, at the first time the
     * message reached it (a late {@code delivered} never hides a {@code read}).
     */
    public StatusEvent latest() {
        StatusEvent best = events.get(0);
        for (StatusEvent event : events) {
            if (event.status().rank() > best.status().rank()) {
                best = event;
            }
        }
        return best;
    }

    /** The WhatsApp user the message went to. */
    public String conversationId() {
        return events.stream().map(StatusEvent::conversationId).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The workflow of the newest event that names one. */
    public String workflowId() {
        for (int i = events.size() - 1; i >= 0; i--) {
            Document details = events.get(i).details();
            if (details != null && details.get("workflow_id") != null) {
                return details.get("workflow_id").toString();
            }
        }
        return null;
    }

    /** The time of the newest status event (for newest-first order and {@code --since}). */
    public Instant newestAt() {
        return events.get(events.size() - 1).timestamp();
    }
}
