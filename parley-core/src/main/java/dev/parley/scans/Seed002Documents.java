package dev.parley.scans;

import dev.parley.Parley;
import dev.parley.TenantScope;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
    /** Where MessageWriter keeps messages (its constant is package-private). */

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

    /** One JSON line. */
    public static String toJson(Document seed002) {
        return seed002.toJson(RELAXED);
    }

    /**
     * Hands every message of the tenant that has a status to {@code out}, in message id order;
     * returns how many. Streamed along the {@code _id} index, so a large tenant needs no in-memory sort.
     */
    public static long export(Parley parley, String tenant, Consumer<Document> out) {
        TenantScope scope = parley.tenant(tenant);
        ZoneId zone = scope.timeZone();
        return scope.messages().forEachWithStatus(message -> out.accept(from(message, zone)));
    }

    private static Long seconds(Date date) {
        return date == null ? null : date.toInstant().getEpochSecond();
    }

    private static String formatted(Date date, ZoneId zone) {
        return date == null ? null : FORMAT.format(date.toInstant().atZone(zone));
    }
}
