package dev.parley.scans;

import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import dev.parley.messages.MessageStatus;
import dev.parley.messages.StatusEvent;
import dev.parley.webhooks.MetaStatusFacts;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Meta's WhatsApp status objects ({@code {"id": "wamid..", "status": "read", "timestamp": "..",
 * "recipient_id": ..}}) found anywhere in a JSON tree, as scan events. n8n nodes pass webhook
 * bodies on in many shapes (the whole envelope, {@code body}, {@code value}, a Code node's
 * output), so the shape is not assumed: any {@code statuses} array of objects with {@code id} and
 * {@code status} counts, which covers {@code entry[].changes[].value.statuses} too.
 */
public final class MetaStatuses {

    /**
     * Where the statuses were found, stamped on each event.
     *
     * @param fallbackTime the time of a status without a timestamp (the n8n run's start), so that
     *                     scanning the same run again gives the same event; {@code null} to refuse such statuses
     */
    public record Origin(String source, String executionId, String workflowId, Instant fallbackTime) {
    }

    private MetaStatuses() {
    }

    /** Every status object in {@code tree}, in document order (repeats included; the scan deduplicates). */
    public static List<Document> find(Object tree) {
        List<Document> found = new ArrayList<>();
        collect(tree, found);
        return found;
    }

    private static void collect(Object node, List<Document> found) {
        if (node instanceof Document doc) {
            for (Map.Entry<String, Object> field : doc.entrySet()) {
                if (field.getKey().equals("statuses") && field.getValue() instanceof List<?> statuses
                        && statuses.stream().anyMatch(MetaStatuses::isStatus)) {
                    statuses.stream().filter(MetaStatuses::isStatus).forEach(s -> found.add((Document) s));
                } else {
                    collect(field.getValue(), found);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, found));
        }
    }

    private static boolean isStatus(Object item) {
        return item instanceof Document doc && doc.get("id") != null && doc.get("status") != null;
    }

    /**
     * The scan event of one status object; empty when Meta sent a status Parley does not track
     * (such as {@code warning}).
     *
     * @throws InvalidInputException for an unreadable timestamp, or none and no fallback time
     */
    public static Optional<StatusEvent> toEvent(Document status, Origin origin) {
        MessageStatus parsed;
        try {
            parsed = MessageStatus.parse("status", status.get("status").toString());
        } catch (InvalidInputException unknown) {
            return Optional.empty();
        }
        Instant at = status.get("timestamp") == null ? origin.fallbackTime() : InputFields.instant("timestamp", status.get("timestamp"));
        if (at == null) {
            throw new InvalidInputException("timestamp", "is required (a status without its time cannot be deduplicated)");
        }
        Document error = MetaStatusFacts.firstError(status);
        // the facts the live webhook keeps for cost analytics, plus the n8n workflow that saw the status
        Document details = MetaStatusFacts.details(status);
        if (origin.workflowId() != null) {
            details.append("workflow_id", origin.workflowId());
        }
        Object recipient = status.get("recipient_id");
        return Optional.of(new StatusEvent(status.get("id").toString(), parsed, at, origin.executionId(),
                recipient == null ? null : recipient.toString(), origin.source(), error, true,
                details.isEmpty() ? null : details));
    }
}
