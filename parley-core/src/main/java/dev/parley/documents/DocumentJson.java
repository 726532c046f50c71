package dev.parley.documents;

import dev.parley.InvalidInputException;
import org.bson.BsonArray;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonReader;
import org.bson.json.JsonWriterSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON in and out of user documents. Input is MongoDB Extended JSON (so {@code {"$date": …}}
 * makes a real date); output is plain JSON with ISO-8601 UTC dates and hex ObjectIds.
 */
public final class DocumentJson {

    private static final JsonWriterSettings OUTPUT = JsonWriterSettings.builder()
            .outputMode(JsonMode.RELAXED)
            .dateTimeConverter((millis, writer) -> writer.writeString(Instant.ofEpochMilli(millis).toString()))
            .objectIdConverter((id, writer) -> writer.writeString(id.toHexString()))
            .int64Converter((value, writer) -> writer.writeNumber(Long.toString(value)))
            .build();

    private DocumentJson() {
    }

    public static String write(Document doc) {
        return doc.toJson(OUTPUT);
    }

    public static String write(List<Document> docs) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < docs.size(); i++) {
            out.append(i == 0 ? "" : ",").append(write(docs.get(i)));
        }
        return out.append(']').toString();
    }

    /** A JSON object, or {@code null} for a blank text. */
    public static Document parseObject(String field, String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return new DocumentCodec().decode(new JsonReader(json), DecoderContext.builder().build());
        } catch (JsonParseException | org.bson.BsonInvalidOperationException | IllegalArgumentException e) {
            throw new InvalidInputException(field, "is not a JSON object: " + e.getMessage());
        }
    }

    /** A request body that must be one JSON object. */
    public static Document requireObject(String body) {
        return requireObject(body, "must be a JSON object");
    }

    /** A request body that must be one JSON object; {@code reason} says what an empty body lacks. */
    public static Document requireObject(String body, String reason) {
        Document doc = parseObject("body", body);
        if (doc == null) {
            throw new InvalidInputException("body", reason);
        }
        return doc;
    }

    /** A JSON object or an array of objects. */
    public static List<Document> parseObjects(String field, String json) {
        String trimmed = json == null ? "" : json.strip();
        if (!trimmed.startsWith("[")) {
            Document one = parseObject(field, trimmed);
            if (one == null) {
                throw new InvalidInputException(field, "must be a JSON object or an array of objects");
            }
            return List.of(one);
        }
        try {
            BsonArray array = BsonArray.parse(trimmed);
            List<Document> docs = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                BsonValue item = array.get(i);
                if (!item.isDocument()) {
                    throw new InvalidInputException(field + "[" + i + "]", "must be a JSON object");
                }
                docs.add(parseObject(field + "[" + i + "]", item.asDocument().toJson()));
            }
            return docs;
        } catch (JsonParseException | org.bson.BsonInvalidOperationException e) {
            throw new InvalidInputException(field, "is not valid JSON: " + e.getMessage());
        }
    }
}
