package dev.parley.documents;

import com.mongodb.MongoClientSettings;
import dev.parley.InvalidInputException;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.json.JsonMode;
import org.bson.json.JsonParseException;
import org.bson.json.JsonReader;
import org.bson.json.JsonWriterSettings;

import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * JSON in and out of user documents. Input is MongoDB Extended JSON (so {@code {"$date": …}}
 * makes a real date); output is plain JSON with ISO-8601 UTC dates and hex ObjectIds. Every
 * parse is bounded by {@link JsonLimits#DEFAULT} and yields only what BSON can store
 * ({@link StorableValues}), so bad input is a field-level refusal, never a crash mid-write.
 */
public final class DocumentJson {

    private static final JsonWriterSettings OUTPUT = JsonWriterSettings.builder()
            .outputMode(JsonMode.RELAXED)
            .dateTimeConverter((millis, writer) -> writer.writeString(Instant.ofEpochMilli(millis).toString()))
            .objectIdConverter((id, writer) -> writer.writeString(id.toHexString()))
            .int64Converter((value, writer) -> writer.writeNumber(Long.toString(value)))
            .build();

    /** The driver's codecs, so whatever a read returns (a DBRef stored by another tool) can be written out. */
    private static final DocumentCodec OUTPUT_CODEC = new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());
    private static final JsonLimits LIMITS = JsonLimits.DEFAULT;
    private static final DocumentCodec CODEC = new DocumentCodec();
    private static final DecoderContext CONTEXT = DecoderContext.builder().build();
    /** {@code org.bson.types.Decimal128}, {@code NumberFormatException}: never shown to callers. */
    private static final Pattern JAVA_NAME = Pattern.compile("[a-z]\\.[a-z]+\\.[A-Za-z]|Exception|java\\.");

    private DocumentJson() {
    }

    public static String write(Document doc) {
        return doc.toJson(OUTPUT, OUTPUT_CODEC);
    }

    public static String write(List<Document> docs) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < docs.size(); i++) {
            out.append(i == 0 ? "" : ",").append(write(docs.get(i)));
        }
        return out.append(']').toString();
    }

    /** A JSON object of data to store, or {@code null} for a blank text. */
    public static Document parseObject(String field, String json) {
        return parse(field, json, false);
    }

    /** A filter, sort, projection or update: like {@link #parseObject} but $-operators are its point. */
    public static Document parseQuery(String field, String json) {
        return parse(field, json, true);
    }

    /** A JSON object sent as bytes, which must be UTF-8 (RFC 8259); {@code null} when blank. */
    public static Document parseObject(String field, byte[] utf8) {
        return parseObject(field, utf8(field, utf8));
    }

    /** A request body that must be one JSON object. */
    public static Document requireObject(String body) {
        return requireObject(body, "must be a JSON object");
    }

    /** A request body that must be one JSON object; {@code reason} says what an empty body lacks. */
    public static Document requireObject(String body, String reason) {
        return required(parseObject("body", body), reason);
    }

    /** A request body holding a filter or an update (see {@link #parseQuery}). */
    public static Document requireQuery(String body, String reason) {
        return required(parseQuery("body", body), reason);
    }

    private static Document required(Document doc, String reason) {
        if (doc == null) {
            throw new InvalidInputException("body", reason);
        }
        return doc;
    }

    private static Document parse(String field, String json, boolean operators) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonTextScanner.check(field, json, LIMITS);
        Document doc = read(field, json, reader -> {
            if (reader.readBsonType() != BsonType.DOCUMENT) {
                throw new InvalidInputException(field, "must be a JSON object");
            }
            return CODEC.decode(reader, CONTEXT);
        });
        StorableValues.check(field, doc, LIMITS, operators);
        return doc;
    }

    /** A JSON object or an array of objects, each checked before any is returned. */
    public static List<Document> parseObjects(String field, String json) {
        String trimmed = json == null ? "" : json.strip();
        if (!trimmed.startsWith("[")) {
            Document one = parseObject(field, trimmed);
            if (one == null) {
                throw new InvalidInputException(field, "must be a JSON object or an array of objects");
            }
            return List.of(one);
        }
        JsonTextScanner.check(field, trimmed, LIMITS);
        List<Document> docs = read(field, trimmed, reader -> {
            List<Document> items = new ArrayList<>();
            reader.readBsonType();
            reader.readStartArray();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                if (reader.getCurrentBsonType() != BsonType.DOCUMENT) {
                    throw new InvalidInputException(field + "[" + items.size() + "]", "must be a JSON object");
                }
                items.add(CODEC.decode(reader, CONTEXT));
            }
            reader.readEndArray();
            return items;
        });
        for (int i = 0; i < docs.size(); i++) {
            StorableValues.check(field + "[" + i + "]", docs.get(i), LIMITS, false);
        }
        return docs;
    }

    /** Checks a document read some other way (a streamed import) as every parsed one is checked. */
    public static void checkStorable(String field, Document doc) {
        StorableValues.check(field, doc, LIMITS, false);
    }

    /** A reader of JSON text that refuses text beyond {@link JsonLimits#DEFAULT} as it streams. */
    public static Reader bounded(Reader in, String field) {
        return JsonTextScanner.checking(in, field, LIMITS);
    }

    /** Strict UTF-8: a malformed byte is refused, not replaced by U+FFFD. */
    static String utf8(String field, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(field, "is not valid UTF-8");
        }
    }

    /**
     * Runs the driver's reader over text the scanner has already bounded; whatever it throws is
     * the text's fault, said without the driver's class names.
     */
    private static <T> T read(String field, String json, Function<JsonReader, T> body) {
        try (JsonReader reader = new JsonReader(json)) {
            return body.apply(reader);
        } catch (InvalidInputException e) {
            throw e;
        } catch (JsonParseException | IllegalArgumentException e) {
            String detail = plain(e.getMessage());
            throw new InvalidInputException(field, "is not valid JSON" + (detail == null ? "" : ": " + detail));
        } catch (RuntimeException e) { // BsonInvalidOperationException, DateTimeException…: the text is not what it claims
            throw new InvalidInputException(field, "is not valid JSON");
        }
    }

    /** What went wrong, for people: the first line of the message, or a plain phrase where it would name Java types. */
    public static String describe(Throwable e) {
        String plain = plain(e.getMessage());
        return plain != null ? plain : "it could not be read (the server log has the details)";
    }

    /** The first line of a parser message, short, or null when it would show Java names. */
    private static String plain(String message) {
        if (message == null || message.isBlank() || JAVA_NAME.matcher(message).find()) {
            return null;
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
