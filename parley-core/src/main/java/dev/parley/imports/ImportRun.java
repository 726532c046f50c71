package dev.parley.imports;

import dev.parley.InvalidInputException;
import dev.parley.documents.DocumentJson;
import dev.parley.fields.InputFields;
import dev.parley.messages.Messages;
import dev.parley.messages.StatusEvent;
import dev.parley.scans.Seed002Documents;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.json.JsonParseException;
import org.bson.json.JsonReader;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Locale;
import org.bson.BsonType;

/**
 * One import job: reads the saved upload once (a chat export twice: layout, then messages),
 * streaming, and writes what it reads through the same paths as live traffic, 1,000 messages a
 * call ({@link ImportTarget#logValid}; webhook payloads through the WhatsApp webhook's own mapping,
 * {@link PayloadImporter}).
 * A bad line is reported with its number and reason and never stops the job. Every message is
 * tagged with {@code metadata.upload_id} (so a cascade delete finds it) and gets an id derived
 * from the file and line when it has none, so importing the same file twice never duplicates.
 */
final class ImportRun {

    private static final Logger log = LoggerFactory.getLogger(ImportRun.class);

    private static final int BATCH = Messages.MAX_BATCH;
    static final String QUOTA_SPENT = "not imported: the logs_per_day quota is spent for today";
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;
    private static final Pattern LEVEL = Pattern.compile("\\b(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL)\\b");
    private static final Pattern LOG_TIME = Pattern.compile("^\\[?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)");

    private final ImportTarget target;
    private final PayloadImporter payloads;
    private final UploadMetadata uploads;
    private final String uploadId;
    private final Path file;
    private final ImportRequest request;
    private final String fileKey;
    private final ZoneId zone;
    private final IntConsumer progressListener;
    private final LineBudget budget;
    private final LineErrors errors = new LineErrors();
    private final List<Document> batch = new ArrayList<>(BATCH);
    private final List<Long> batchLines = new ArrayList<>(BATCH);
    /** Seed 002 documents waiting to be written, as their status events, with their lines. */
    private final List<List<StatusEvent>> documents = new ArrayList<>();
    private final List<Long> documentLines = new ArrayList<>();
    private int documentEvents;
    private long imported;
    private long statuses;
    private long lines;
    private long lastProgress = System.nanoTime();
    private int progress;
    private ImportRetention retention;

    ImportRun(ImportTarget target, PayloadImporter payloads, UploadMetadata uploads, String uploadId, Path file,
              ImportRequest request, String sha256, ZoneId zone, IntConsumer progressListener, LineBudget budget) {
        this.target = target;
        this.payloads = payloads;
        this.uploads = uploads;
        this.uploadId = uploadId;
        this.file = file;
        this.request = request;
        this.fileKey = sha256.substring(0, 12);
        this.zone = zone;
        this.progressListener = progressListener;
        this.budget = budget;
    }

    /** Runs the job to its end and records the outcome; returns the final metadata. */
    Document run() {
        long start = System.nanoTime();
        retention = new ImportRetention(target.retention(), Instant.now(), zone);
        uploads.update(uploadId, new Document("status", "processing"));
        Document details = new Document();
        String failure = null;
        try (CountingStream counted = new CountingStream(Files.newInputStream(file), Files.size(file))) {
            switch (request.format()) {
                case WHATSAPP_EXPORT -> whatsApp();
                case JSONL -> jsonLines(counted);
                case JSON -> jsonArray(counted);
                case CSV -> csv(counted);
                case LOG -> logLines(counted, details);
                case SEED002 -> {
                    if (startsWithArray()) {
                        jsonArray(counted);
                    } else {
                        jsonLines(counted);
                    }
                }
            }
            flush();
        } catch (IOException | RuntimeException e) {
            failure = DocumentJson.describe(e); // shown to the uploader: never the Java type of what failed
            log.warn("import {} stopped", uploadId, e);
            errors.add(lines, "the import stopped: " + failure);
        }
        double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
        long count = request.format() == ImportFormat.LOG ? lines : imported + statuses;
        String status = failure != null && count == 0 || count == 0 && errors.count() > 0 ? "failed"
                : errors.count() > 0 || failure != null ? "partial" : "success";
        details.append("messages", imported).append("statuses", statuses);
        Document outcome = new Document("status", status).append("progress", 100).append("log_count", count)
                .append("processing_time", seconds).append("errors", errors.kept()).append("error_count", errors.count())
                .append("imported", details);
        if (request.format() != ImportFormat.LOG) { // a log file's lines are counted, not stored
            outcome.append("retention", retention.outcome());
        }
        uploads.update(uploadId, outcome);
        progressListener.accept(100);
        return uploads.get(uploadId);
    }

    // ---- formats ----

    /** {@code mongoexport --jsonArray} writes one array; without it, one document a line. */
    private boolean startsWithArray() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int b;
            while ((b = in.read()) >= 0) {
                if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) { // a UTF-8 byte order mark too
                    return b == '[';
                }
            }
            return false;
        }
    }

    private void whatsApp() throws IOException {
        String conversation = request.conversationId() != null ? request.conversationId() : "whatsapp-export-" + fileKey;
        long total = Math.max(1, WhatsAppExport.layout(file).headerLines());
        long[] seen = new long[1];
        WhatsAppExport.read(file, message -> {
            lines = message.line();
            add(chatMessage(message, conversation), message.line());
            report((int) Math.min(99, ++seen[0] * 100 / total));
        }, errors);
    }

    private Document chatMessage(WhatsAppExport.ChatMessage message, String conversation) {
        boolean system = message.sender() == null;
        boolean mine = !system && request.me() != null && request.me().equalsIgnoreCase(message.sender());
        Document metadata = new Document("upload_id", uploadId);
        if (!system) {
            metadata.append("sender_name", message.sender());
        }
        if (message.attachment() != null) {
            metadata.append("attachment", message.attachment());
        }
        return new Document("message_id", "wa-export-" + fileKey + "-" + message.line()).append("conversation_id", conversation)
                .append("channel", request.channel() == null ? "whatsapp" : request.channel())
                .append("sender_id", system ? "system" : message.sender())
                .append("sender_type", system ? "system" : mine ? "agent" : "user")
                .append("direction", mine ? "outbound" : "inbound").append("message_type", message.messageType())
                .append("content", message.text()).append("created_at", Date.from(message.at().atZone(zone).toInstant()))
                .append("metadata", metadata);
    }

    private void jsonLines(CountingStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String line;
        while ((line = reader.readLine()) != null) {
            lines++;
            if (!line.isBlank()) {
                Document doc;
                try {
                    doc = DocumentJson.parseObject("line", line);
                } catch (InvalidInputException e) {
                    errors.add(lines, "not a JSON object: " + e.reason());
                    continue;
                }
                item(doc, lines);
            }
            report(in.percent());
        }
    }

    private void jsonArray(CountingStream in) {
        Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        DocumentCodec codec = new DocumentCodec();
        try (JsonReader json = new JsonReader(DocumentJson.bounded(reader, "file"))) {
            if (json.readBsonType() == BsonType.DOCUMENT) { // a single object rather than an array
                Document one = codec.decode(json, DecoderContext.builder().build());
                DocumentJson.checkStorable("element", one);
                item(one, ++lines);
                return;
            }
            json.readStartArray();
            while (json.readBsonType() != BsonType.END_OF_DOCUMENT) {
                lines++;
                if (json.getCurrentBsonType() != BsonType.DOCUMENT) {
                    json.skipValue();
                    errors.add(lines, "element " + lines + " is not an object");
                    continue;
                }
                Document element = codec.decode(json, DecoderContext.builder().build());
                try {
                    DocumentJson.checkStorable("element", element);
                } catch (InvalidInputException e) {
                    errors.add(lines, e.getMessage());
                    continue;
                }
                item(element, lines);
                report(in.percent());
            }
        } catch (JsonParseException e) {
            errors.add(lines + 1, "not valid JSON after element " + lines + ": " + DocumentJson.describe(e));
        } catch (InvalidInputException e) {
            errors.add(lines + 1, "not valid JSON after element " + lines + ": " + e.reason());
        }
    }

    private void csv(CountingStream in) throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get().parse(reader)) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (String header : parser.getHeaderNames()) {
                columns.put(header, header); // a column named like a message field is that field
            }
            request.columns().forEach((field, column) -> {
                if (!parser.getHeaderNames().contains(column)) {
                    throw new InvalidInputException("map", "names column " + column + ", which the file's header does not have");
                }
                columns.values().remove(field);
                columns.put(column, field);
            });
            long linesRead = parser.getCurrentLineNumber(); // the header's
            for (CSVRecord record : parser) {
                lines = linesRead + 1; // the line the record starts on (a quoted value may span lines)
                linesRead = parser.getCurrentLineNumber();
                Document message = new Document();
                columns.forEach((column, field) -> {
                    if (record.isMapped(column) && record.isSet(column) && !record.get(column).isEmpty()) {
                        message.put(field, record.get(column));
                    }
                });
                item(message, lines);
                report(in.percent());
            }
        }
    }

    private void logLines(CountingStream in, Document details) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Map<String, Long> levels = new LinkedHashMap<>();
        String first = null;
        String last = null;
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            lines++;
            String level = null;
            String time = null;
            if (line.stripLeading().startsWith("{")) {
                try {
                    Document json = DocumentJson.parseObject("line", line);
                    level = firstText(json, "level", "severity", "log.level", "lvl");
                    time = firstText(json, "@timestamp", "timestamp", "time", "ts");
                } catch (InvalidInputException e) {
                    errors.add(number, "a JSON log line that does not parse: " + e.reason());
                }
            } else {
                Matcher l = LEVEL.matcher(line);
                level = l.find() ? l.group(1) : null;
                Matcher t = LOG_TIME.matcher(line);
                time = t.find() ? t.group(1) : null;
            }
            levels.merge(level == null ? "UNKNOWN" : level.toUpperCase(Locale.ROOT).replace("WARNING", "WARN"), 1L, Long::sum);
            if (time != null) {
                first = first == null || time.compareTo(first) < 0 ? time : first;
                last = last == null || time.compareTo(last) > 0 ? time : last;
            }
            report(in.percent());
        }
        details.append("lines", lines).append("levels", new Document(new LinkedHashMap<>(levels))).append("first_time", first)
                .append("last_time", last);
    }

    private static String firstText(Document json, String... names) {
        for (String name : names) {
            Object value = json.get(name);
            if (value != null) {
                return value instanceof Date d ? d.toInstant().toString() : value.toString();
            }
        }
        return null;
    }

    // ---- writing ----

    /** A message (Parley, seed 000 or seed 004 shape), a seed 002 document or a WhatsApp webhook payload. */
    private void item(Document doc, long line) {
        if (Seed002Documents.isSeed002(doc)) {
            seed002(doc, line);
            return;
        }
        if (request.format() == ImportFormat.SEED002) {
            errors.add(line, "not a seed 002 document (messageId, statusHistory)");
            return;
        }
        if (doc.containsKey("entry") && (doc.containsKey("object") || doc.get("entry") instanceof List<?>)) {
            flush(); // a payload may hold statuses of messages still in the batch
            if (budget.take(1) < 1) {
                errors.add(line, QUOTA_SPENT);
                return;
            }
            PayloadImporter.Imported fromPayload = payloads.importPayload(doc);
            imported += fromPayload.messages();
            statuses += fromPayload.statuses();
            fromPayload.problems().forEach(problem -> errors.add(line, problem));
            return;
        }
        if (doc.get("conversation_id") == null && doc.get("conversationId") == null && request.conversationId() != null) {
            doc.put("conversation_id", request.conversationId());
        }
        if (doc.get("message_id") == null && doc.get("messageId") == null) {
            doc.put("message_id", "import-" + fileKey + "-" + line);
        }
        Document metadata = doc.get("metadata") instanceof Document m ? m : new Document();
        metadata.put("upload_id", uploadId);
        doc.put("metadata", metadata);
        add(doc, line);
    }

    /** A seed 002 document, as the status events that rebuild it with its own times. */
    private void seed002(Document doc, long line) {
        List<StatusEvent> events;
        try {
            events = Seed002Documents.toEvents(doc, "import");
        } catch (InvalidInputException e) {
            errors.add(line, e.getMessage());
            return;
        }
        documents.add(events);
        documentLines.add(line);
        documentEvents += events.size();
        if (documentEvents >= BATCH) {
            flushDocuments();
        }
    }

    private void add(Document message, long line) {
        batch.add(message);
        batchLines.add(line);
        if (batch.size() == BATCH) {
            flush();
        }
    }

    /**
     * Logs the batch; a refused message is reported with its line, the rest still go in. Lines
     * past the uploader's daily budget are reported and not written.
     */
    private void flush() {
        flushMessages();
        flushDocuments();
    }

    private void flushMessages() {
        if (batch.isEmpty()) {
            return;
        }
        int allowed = (int) Math.max(0, Math.min(batch.size(), budget.take(batch.size())));
        for (int i = allowed; i < batch.size(); i++) {
            errors.add(batchLines.get(i), QUOTA_SPENT);
        }
        batch.subList(allowed, batch.size()).clear();
        BitSet refusedAt = new BitSet(batch.size());
        imported += target.logValid(batch, (refused, i) -> {
            refusedAt.set(i);
            errors.add(batchLines.get(i), refused.field() + " " + refused.reason());
        });
        Instant now = Instant.now();
        for (int i = refusedAt.nextClearBit(0); i < batch.size(); i = refusedAt.nextClearBit(i + 1)) {
            Instant createdAt = createdAt(batch.get(i));
            retention.stored(createdAt == null ? now : createdAt); // without one, the writer dates it now
        }
        batch.clear();
        batchLines.clear();
    }

    /** Records the waiting seed 002 documents' events, at most {@link Messages#MAX_BATCH} a call. */
    private void flushDocuments() {
        if (documents.isEmpty()) {
            return;
        }
        int allowed = (int) Math.max(0, Math.min(documents.size(), budget.take(documents.size())));
        List<StatusEvent> events = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            if (i >= allowed) {
                errors.add(documentLines.get(i), QUOTA_SPENT);
                continue;
            }
            List<StatusEvent> document = documents.get(i);
            events.addAll(document);
            retention.stored(document.stream().map(StatusEvent::timestamp).max(Instant::compareTo).orElseThrow());
            imported++;
            statuses += document.size();
        }
        for (int from = 0; from < events.size(); from += BATCH) { // a long history may span two calls: merging is idempotent
            target.recordStatuses(events.subList(from, Math.min(events.size(), from + BATCH)));
        }
        documents.clear();
        documentLines.clear();
        documentEvents = 0;
    }

    /** A message's own time as the writer reads it ({@code created_at}, or {@code createdAt}); null when it has none. */
    private static Instant createdAt(Document message) {
        for (Map.Entry<String, Object> field : message.entrySet()) {
            if (field.getValue() != null && InputFields.snake(field.getKey()).equals("created_at")) {
                return InputFields.instant("created_at", field.getValue()); // the writer accepted it, so it reads
            }
        }
        return null;
    }

    private void report(int percent) {
        if (percent > progress && System.nanoTime() - lastProgress >= PROGRESS_EVERY_NANOS) {
            progress = Math.min(99, percent);
            lastProgress = System.nanoTime();
            uploads.update(uploadId, new Document("progress", progress).append("log_count", imported + statuses)
                    .append("error_count", errors.count()));
            progressListener.accept(progress);
        }
    }

    /** Counts the bytes read, for progress. */
    private static final class CountingStream extends FilterInputStream {

        private final long size;
        private long read;

        CountingStream(InputStream in, long size) {
            super(in);
            this.size = Math.max(1, size);
        }

        int percent() {
            return (int) Math.min(99, read * 100 / size);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
