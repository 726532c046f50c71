package dev.parley.scans;

import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import dev.parley.messages.Messages;
import dev.parley.messages.StatusEvent;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parley's tracked messages in seed 002's {@code message_statuses} shape, for tools still reading
 * it: camelCase names, unix-second timestamps, {@code yyyy-MM-dd HH:mm} strings in the tenant's
 * zone, and BSON dates, written as MongoDB relaxed Extended JSON ({@code {"$date": ..}}), which is
 * what {@code mongoexport} gives for a seed 002 collection and what {@code mongoimport} reads back.
 */
public final class Seed002Documents {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    /** An entry's names that are not status-event fields: dropped (output only) or read here. */
    private static final Set<String> ENTRY_OUTPUT_ONLY = Set.of("timestampFormatted", "timestamp_formatted");
    /** The seed 002 times that a document records and an import keeps, by Parley's name. */
    private static final Map<String, String> RECORDED = Map.of("firstSeenAt", "first_seen_at",
            "lastUpdatedAt", "last_updated_at", "lastScannedAt", "last_scanned_at");

    private Seed002Documents() {
    }

    /** One stored Parley message (with status tracking) as seed 002's document, fields in seed 002's order. */
    public static Document from(Document message, ZoneId zone) {
        Object conversation = message.get("conversation_id");
        List<Document> history = new ArrayList<>();
        for (Document entry : message.getList("status_history", Document.class, List.of())) {
            Date at = entry.getDate("timestamp");
            history.add(new Document("status", entry.getString("status"))
                    .append("timestamp", seconds(at))
                    .append("timestampFormatted", formatted(at, zone))
                    .append("executionId", entry.get("execution_id"))
                    .append("conversation_id", entry.get("conversation_id") != null ? entry.get("conversation_id") : conversation));
        }
        Date latest = message.getDate("latest_timestamp");
        return new Document("messageId", message.get("message_id"))
                .append("conversation_id", conversation)
                .append("latestStatus", message.get("status"))
                .append("latestTimestamp", seconds(latest))
                .append("latestTimestampFormatted", formatted(latest, zone))
                .append("statusHistory", history)
                .append("workflowId", message.get("workflow_id"))
                .append("statusCount", message.get("status_count", history.size()))
                .append("firstSeenAt", message.get("first_seen_at"))
                .append("lastUpdatedAt", message.get("last_updated_at"))
                .append("lastScannedAt", message.get("last_scanned_at"));
    }

    /** True when {@code doc} is a seed 002 document (it has a status history, camelCase or snake_case). */
    public static boolean isSeed002(Document doc) {
        return doc.get("statusHistory") instanceof List<?> || doc.get("status_history") instanceof List<?>;
    }

    /**
     * A seed 002 document as the status events that rebuild it: one per {@code statusHistory}
     * entry, each with its own timestamp (required: nothing is re-stamped with the import time),
     * {@code executionId} and {@code conversation_id} (the document's when the entry has none), the
     * document's {@code workflowId}, and its {@code firstSeenAt}, {@code lastUpdatedAt} and
     * {@code lastScannedAt}, which the message keeps instead of the time of the import. An entry's
     * other fields are kept in its {@code metadata}. Errors name the document's field.
     *
     * @param source the history entries' {@code source}, e.g. {@code import}
     */
    public static List<StatusEvent> toEvents(Document doc, String source) {
        Object messageId = doc.get("messageId") != null ? doc.get("messageId") : doc.get("message_id");
        if (messageId == null) {
            throw new InvalidInputException("messageId", "is required");
        }
        String historyName = doc.get("statusHistory") != null ? "statusHistory" : "status_history";
        if (!(doc.get(historyName) instanceof List<?> history) || history.isEmpty()) {
            throw new InvalidInputException(historyName, "must be a non-empty array of status entries");
        }
        Document recorded = new Document();
        RECORDED.forEach((seed, parley) -> {
            Object value = doc.get(seed) != null ? doc.get(seed) : doc.get(parley);
            if (value != null) {
                recorded.put(parley, Date.from(InputFields.instant(doc.get(seed) != null ? seed : parley, value)));
            }
        });
        Object workflow = doc.get("workflowId") != null ? doc.get("workflowId") : doc.get("workflow_id");
        List<StatusEvent> events = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            String field = historyName + "[" + i + "]";
            if (!(history.get(i) instanceof Document entry)) {
                throw new InvalidInputException(field, "must be an object");
            }
            if (entry.get("timestamp") == null) {
                throw new InvalidInputException(field + ".timestamp", "is required (an imported status keeps its own time)");
            }
            Document event = new Document("message_id", messageId.toString()).append("source", source);
            entry.forEach((name, value) -> {
                if (!ENTRY_OUTPUT_ONLY.contains(name)) {
                    event.put(name, value);
                }
            });
            event.putIfAbsent("conversation_id", doc.get("conversation_id") != null ? doc.get("conversation_id") : doc.get("conversationId"));
            if (workflow != null) {
                event.put("workflow_id", workflow.toString());
            }
            events.add(StatusEvent.parse(event, null, field).withRecorded(recorded));
        }
        return events;
    }

    /** One JSON line. */
    public static String toJson(Document seed002) {
        return seed002.toJson(RELAXED);
    }

    /**
     * Hands every one of a tenant's {@code messages} that has a status to {@code out}, in message id
     * order, its times formatted in the tenant's {@code zone}; returns how many. Streamed along the
     * {@code _id} index, so a large tenant needs no in-memory sort.
     */
    public static long export(Messages messages, ZoneId zone, Consumer<Document> out) {
        return messages.forEachWithStatus(message -> out.accept(from(message, zone)));
    }

    private static Long seconds(Date date) {
        return date == null ? null : date.toInstant().getEpochSecond();
    }

    private static String formatted(Date date, ZoneId zone) {
        return date == null ? null : FORMAT.format(date.toInstant().atZone(zone));
    }
}
