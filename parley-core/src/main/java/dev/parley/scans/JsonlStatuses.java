package dev.parley.scans;

import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import dev.parley.messages.StatusEvent;
import org.bson.Document;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.io.StringReader;

/**
 * Statuses from a JSON-lines file, one JSON object a line, each one of:
 * <ul>
 *   <li>a WhatsApp webhook payload, or any object holding a {@code statuses} array ({@link MetaStatuses});</li>
 *   <li>a flat status event: {@code message_id} (or {@code id}/{@code messageId}), {@code status},
 *       {@code timestamp}, and optionally {@code execution_id}, {@code conversation_id} (or
 *       {@code recipient_id}), {@code workflow_id};</li>
 *   <li>a seed 002 document ({@code messageId}, {@code statusHistory}), as {@code statuses export} writes them.</li>
 * </ul>
 * Every line is checked before any event is handed on: one bad line fails the whole file, naming
 * each bad line's number, so a file is saved completely or not at all.
 */
public final class JsonlStatuses implements StatusSource {

    private static final int MAX_REPORTED_LINES = 20;
    /** WhatsApp's names; {@code wa_id} is the contact's id, as everywhere ({@link StatusEvent#parse}). */
    private static final Map<String, String> FLAT_ALIASES = Map.of("id", "message_id", "recipient_id", "conversation_id");

    private final String label;
    private final Opener opener;

    /** Opens the input afresh for every read, so a scheduled scan sees what was appended. */
    @FunctionalInterface
    interface Opener {
        BufferedReader open() throws IOException;
    }

    private JsonlStatuses(String label, Opener opener) {
        this.label = label;
        this.opener = opener;
    }

    public static JsonlStatuses of(Path file) {
        return new JsonlStatuses(file.toString(), () -> Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    /** Standard input; readable once. */
    public static JsonlStatuses stdin() {
        return new JsonlStatuses("standard input", () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    static JsonlStatuses ofText(String label, String text) {
        return new JsonlStatuses(label, () -> new BufferedReader(new StringReader(text)));
    }

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public void read(Predicate<StatusPage> consumer) {
        List<StatusEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int lines = 0;
        int badLines = 0;
        int skipped = 0;
        try (BufferedReader reader = opener.open()) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    skipped += parseLine(line.strip(), events);
                } catch (InvalidInputException e) {
                    badLines++;
                    if (problems.size() < MAX_REPORTED_LINES) {
                        problems.add("line " + lines + ": " + (e.field().equals("line") ? e.reason() : e.getMessage()));
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new ScanException("cannot read " + label + ": no such file", false, e);
        } catch (IOException | UncheckedIOException e) {
            throw new ScanException("cannot read " + label + ": " + e.getMessage(), false, e);
        }
        if (badLines > 0) {
            String more = badLines > problems.size() ? "\n  … and " + (badLines - problems.size()) + " more" : "";
            throw new ScanException(label + " has " + badLines + (badLines == 1 ? " bad line" : " bad lines")
                    + " (nothing was read from it):\n  " + String.join("\n  ", problems) + more, false);
        }
        consumer.test(new StatusPage(events, lines, skipped, null));
    }

    /** Adds the line's events; returns how many status objects it skipped. */
    static int parseLine(String line, List<StatusEvent> events) {
        Document doc = json(line);
        if (doc.get("statusHistory") instanceof List<?> history) {
            events.addAll(seed002(doc, history));
            return 0;
        }
        List<Document> statuses = MetaStatuses.find(doc);
        if (!statuses.isEmpty() || doc.get("entry") != null || "whatsapp_business_account".equals(doc.get("object"))) {
            int skipped = 0;
            for (int i = 0; i < statuses.size(); i++) {
                try {
                    Optional<StatusEvent> event = MetaStatuses.toEvent(statuses.get(i),
                            new MetaStatuses.Origin("jsonl", null, null, null));
                    if (event.isPresent()) {
                        events.add(event.get());
                    } else {
                        skipped++;
                    }
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("statuses[" + i + "]." + e.field(), e.reason());
                }
            }
            return skipped;
        }
        Document flat = InputFields.canonical(doc, FLAT_ALIASES);
        if (flat.get("status") != null && flat.get("message_id") != null) {
            events.add(flatEvent(flat));
            return 0;
        }
        throw new InvalidInputException("line", "neither a WhatsApp webhook payload, a status event"
                + " (message_id, status, timestamp) nor a seed 002 document (messageId, statusHistory)");
    }

    private static Document json(String line) {
        if (!line.startsWith("{")) {
            throw new InvalidInputException("line", "not a JSON object");
        }
        try {
            return Document.parse(line);
        } catch (RuntimeException e) {
            throw new InvalidInputException("line", "not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static StatusEvent flatEvent(Document flat) {
        if (flat.get("timestamp") == null) {
            throw new InvalidInputException("timestamp", "is required (a status without its time cannot be deduplicated)");
        }
        StatusEvent parsed = StatusEvent.parse(flat, null, null);
        return new StatusEvent(parsed.messageId(), parsed.status(), parsed.timestamp(), parsed.executionId(),
                parsed.conversationId(), "jsonl", parsed.error(), true, parsed.details(), parsed.metadata(), null);
    }

    /** Seed 002's document: one event per {@code statusHistory} entry. */
    private static List<StatusEvent> seed002(Document doc, List<?> history) {
        Object messageId = doc.get("messageId") != null ? doc.get("messageId") : doc.get("message_id");
        if (messageId == null) {
            throw new InvalidInputException("messageId", "is required");
        }
        Object workflow = doc.get("workflowId");
        List<StatusEvent> events = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            if (!(history.get(i) instanceof Document entry)) {
                throw new InvalidInputException("statusHistory[" + i + "]", "must be an object");
            }
            Document flat = new Document("message_id", messageId.toString()).append("status", entry.get("status"))
                    .append("timestamp", entry.get("timestamp")).append("execution_id", entry.get("executionId"))
                    .append("conversation_id", entry.get("conversation_id") != null ? entry.get("conversation_id")
                            : doc.get("conversation_id"))
                    .append("workflow_id", workflow);
            try {
                events.add(flatEvent(flat));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("statusHistory[" + i + "]." + e.field(), e.reason());
            }
        }
        return events;
    }
}
