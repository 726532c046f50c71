package dev.parley.audit;

import dev.parley.InvalidInputException;
import org.bson.Document;
import org.bson.json.JsonParseException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A signed checkpoint of a tenant's chain: the {@code seq} and {@code hash} of its last entry when
 * it was taken, for operators to keep outside the database. Checking a chain against the
 * checkpoints kept ({@link AuditTrail#verify(java.util.List)}) finds a chain rolled back to an
 * earlier state that is valid in itself (old head put back, tail deleted) or removed entirely,
 * which no signature inside the database can tell from the real one.
 */
public record AuditCheckpoint(String organizationId, long seq, String hash, Instant time, String signature) {

    /** What the signature covers; the prefix keeps it from passing for a head's or retention checkpoint's. */
    static String text(String tenant, long seq, String hash, Instant time) {
        return "audit-export|" + tenant + "|" + seq + "|" + hash + "|" + time;
    }

    /** One line of JSON: {@code {organization_id, seq, hash, time, signature}}. */
    public String toJson() {
        return new Document("organization_id", organizationId).append("seq", seq).append("hash", hash)
                .append("time", time.toString()).append("signature", signature).toJson();
    }

    /** A line {@link #toJson} wrote; anything else is refused naming the field. */
    public static AuditCheckpoint parse(String line) {
        Document json;
        try {
            json = Document.parse(line);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new InvalidInputException("checkpoint", "is not a JSON object");
        }
        if (!(json.get("seq") instanceof Number seq) || seq.longValue() < 1) {
            throw new InvalidInputException("seq", "must be a positive integer");
        }
        try {
            return new AuditCheckpoint(text(json, "organization_id"), seq.longValue(), text(json, "hash"),
                    Instant.parse(text(json, "time")), text(json, "signature"));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("time", "must be an ISO-8601 instant");
        }
    }

    private static String text(Document json, String field) {
        if (!(json.get(field) instanceof String value) || value.isBlank()) {
            throw new InvalidInputException(field, "must be a non-empty string");
        }
        return value;
    }
}
