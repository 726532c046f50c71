package dev.parley.analytics;

import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.TreeSet;

/** Seed 000's raw metric point ({@code analytics}): checking what a caller sends, and reading it back. */
final class MetricPoints {

    static final Pattern METRIC_TYPE = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Set<String> FIELDS = Set.of("metric_id", "metric_type", "value", "tags", "metadata", "timestamp");
    static final int MAX_TAGS = 16;

    private MetricPoints() {
    }

    static String metricType(String field, String value) {
        if (value == null || !METRIC_TYPE.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be 1-128 letters, digits, '_', '.', ':' or '-'");
        }
        return value;
    }

    /** The document to store for {@code input}, stamped with {@code now} when it has no timestamp. */
    static Document parse(Document input, Instant now) {
        Document in = InputFields.canonical(input, Map.of("type", "metric_type", "id", "metric_id"));
        for (String field : in.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException(field, "is not a field of a metric (" + String.join(", ", new TreeSet<>(FIELDS)) + ")");
            }
        }
        String type = metricType("metric_type", InputFields.string(in, "metric_type", true, 128));
        Object raw = in.get("value");
        if (!(raw instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw new InvalidInputException("value", raw == null ? "is required" : "must be a finite number");
        }
        Map<String, String> tags = tags(in.get("tags"));
        Object metadata = in.get("metadata");
        if (metadata != null && !(metadata instanceof Document)) {
            throw new InvalidInputException("metadata", "must be a JSON object");
        }
        Instant at = InputFields.instant(in, "timestamp", false);
        at = (at == null ? now : at).truncatedTo(ChronoUnit.MILLIS);
        if (at.isAfter(now.plus(1, ChronoUnit.DAYS))) {
            throw new InvalidInputException("timestamp", "is more than a day in the future");
        }
        String id = InputFields.string(in, "metric_id", false, 128);
        id = id == null ? new ObjectId().toHexString() : id;
        Object value = number instanceof Integer || number instanceof Long ? (Object) number.longValue() : (Object) number.doubleValue();
        return new Document("_id", null).append("metric_id", id).append("metric_type", type).append("value", value)
                .append("tags", new Document(new TreeMap<>(tags)))
                .append("metadata", metadata == null ? new Document() : metadata)
                .append("date", LocalDate.ofInstant(at, ZoneOffset.UTC).toString())
                .append("timestamp", Date.from(at)).append("created_at", Date.from(now));
    }

    /** A tag filter or tag set: an object of up to 16 names to text values. */
    static Map<String, String> tags(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException("tags", "must be a JSON object of names to text values");
        }
        if (map.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "may hold at most " + MAX_TAGS + " tags");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (!TAG_NAME.matcher(name).matches()) {
                throw new InvalidInputException("tags." + name, "a tag name must be 1-64 letters, digits, '_', '.', ':' or '-'");
            }
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean) || String.valueOf(v).length() > 256) {
                throw new InvalidInputException("tags." + name, "must be a text, number or boolean of at most 256 characters");
            }
            tags.put(name, String.valueOf(v));
        });
        return tags;
    }

    /** What a stored point adds to its rollups. */
    static Increment increment(Document point) {
        Document stored = point.get("tags", Document.class);
        Map<String, String> tags = new TreeMap<>();
        if (stored != null) {
            stored.forEach((k, v) -> tags.put(k, String.valueOf(v)));
        }
        return new Increment(point.getString("metric_type"), tags, point.getDate("timestamp").toInstant(),
                ((Number) point.get("value")).doubleValue());
    }

    /** The stored point as callers see it. */
    static Document view(Document stored) {
        Document view = new Document(stored);
        view.remove("_id");
        return view;
    }
}
