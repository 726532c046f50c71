package dev.parley.messages;

import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A message as the seeds describe it (seed 000 {@code message_logs}, seed 004 {@code Message}),
 * checked and brought to Parley's snake_case shape. Names the seeds use differently are accepted
 * ({@code message_content}, {@code messageId}, {@code company_id}); fields Parley does not know go
 * into {@code metadata}, never dropped.
 */
public final class MessageFields {

    // the allowed values, public so that the API description lists exactly what is accepted
    public static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");
    /** A message's channel, and so its conversation's (a conversation a message names is created with it). */
    public static final Set<String> CHANNELS = Set.of("chat", "voice", "video", "email", "sms", "whatsapp");
    public static final Set<String> SENDER_TYPES = Set.of("user", "agent", "system");
    public static final Set<String> ROLES = Set.of("user", "assistant", "system");
    public static final Set<String> MESSAGE_TYPES = Set.of("text", "image", "document", "audio", "video", "file", "sticker",
            "location", "contacts", "interactive", "button", "reaction", "order", "template", "system", "referral", "unknown");
    static final int MAX_ID = 256;
    static final int MAX_CONTENT = 65_536;

    private static final Map<String, String> ALIASES = Map.of(
            "message_content", "content",
            "company_id", "organization_id",
            "latest_status", "status",
            "type", "message_type",
            "wa_id", "contact_wa_id");

    /** Fields a message body may set; anything else goes to metadata. */
    private static final Set<String> BODY = Set.of("message_id", "conversation_id", "direction", "sender_id", "receiver_id",
            "sender_type", "role", "content", "message_type", "media_url", "attachments", "ai_metadata", "metadata",
            "created_at", "workflow_id", "contact_wa_id", "phone_number_id", "channel", "language", "status",
            "organization_id", "execution_id", "reply_to");

    private MessageFields() {
    }

    /** The canonical body and the status it was logged with (if any). */
    record Parsed(Document body, StatusEvent status) {
    }

    static Parsed parse(Document input, String tenant, String field) {
        Document in = InputFields.canonical(input, ALIASES);
        try {
            return parseCanonical(in, tenant);
        } catch (InvalidInputException e) {
            throw field == null ? e : new InvalidInputException(field + "." + e.field(), e.reason());
        }
    }

    private static Parsed parseCanonical(Document in, String tenant) {
        String organization = InputFields.string(in, "organization_id", false, 64);
        if (organization != null && !organization.equals(tenant)) {
            throw new InvalidInputException("organization_id", "is set by Parley from your API key and cannot name another tenant");
        }
        Document body = new Document();
        String messageId = InputFields.string(in, "message_id", false, MAX_ID);
        body.put("message_id", messageId == null ? new ObjectId().toHexString() : messageId);
        body.put("conversation_id", InputFields.string(in, "conversation_id", true, MAX_ID));

        String direction = InputFields.oneOf(in, "direction", DIRECTIONS, "");
        String senderType = InputFields.oneOf(in, "sender_type", SENDER_TYPES, "");
        if (direction.isEmpty()) {
            direction = "user".equals(senderType) ? "inbound" : "outbound";
        }
        if (senderType.isEmpty()) {
            senderType = direction.equals("inbound") ? "user" : "agent";
        }
        body.put("direction", direction);
        body.put("sender_type", senderType);
        body.put("role", InputFields.oneOf(in, "role", ROLES, switch (senderType) {
            case "user" -> "user";
            case "system" -> "system";
            default -> "assistant";
        }));
        putIfPresent(body, "sender_id", InputFields.string(in, "sender_id", false, MAX_ID));
        putIfPresent(body, "receiver_id", InputFields.string(in, "receiver_id", false, MAX_ID));

        String messageType = InputFields.oneOf(in, "message_type", MESSAGE_TYPES, "text");
        body.put("message_type", messageType);
        String content = InputFields.string(in, "content", false, MAX_CONTENT);
        String mediaUrl = InputFields.string(in, "media_url", false, 4096);
        if (content == null && messageType.equals("text")) {
            throw new InvalidInputException("content", "is required for text messages");
        }
        putIfPresent(body, "content", content);
        putIfPresent(body, "media_url", mediaUrl);
        putIfPresent(body, "attachments", attachments(in));
        putIfPresent(body, "ai_metadata", aiMetadata(in));
        putIfPresent(body, "channel", InputFields.oneOf(in, "channel", CHANNELS, ""));
        if ("".equals(body.get("channel"))) {
            body.remove("channel");
        }
        for (String optional : List.of("workflow_id", "contact_wa_id", "phone_number_id", "language", "reply_to")) {
            putIfPresent(body, optional, InputFields.string(in, optional, false, MAX_ID));
        }
        Instant createdAt = InputFields.instant(in, "created_at", false);
        body.put("created_at", Date.from(createdAt == null ? Instant.now() : createdAt));

        Document metadata = metadata(in);
        for (Map.Entry<String, Object> extra : in.entrySet()) {
            if (!BODY.contains(extra.getKey()) && !extra.getKey().startsWith("$")) {
                metadata.putIfAbsent(extra.getKey(), extra.getValue());
            }
        }
        if (!metadata.isEmpty()) {
            body.put("metadata", metadata);
        }

        StatusEvent status = null;
        String statusName = InputFields.string(in, "status", false, 32);
        if (statusName != null) {
            status = new StatusEvent(body.getString("message_id"), MessageStatus.parse("status", statusName),
                    createdAt == null ? Instant.now() : createdAt, InputFields.string(in, "execution_id", false, MAX_ID),
                    body.getString("conversation_id"), "log", null, false);
        }
        return new Parsed(body, status);
    }

    private static List<Document> attachments(Document in) {
        List<?> raw = InputFields.list(in, "attachments");
        if (raw == null) {
            return null;
        }
        List<Document> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String field = "attachments[" + i + "]";
            if (!(raw.get(i) instanceof Document item)) {
                throw new InvalidInputException(field, "must be an object with url, type and name");
            }
            Document attachment = new Document("url", InputFields.string(item, "url", true, 4096));
            putIfPresent(attachment, "type", InputFields.string(item, "type", false, 128));
            putIfPresent(attachment, "name", InputFields.string(item, "name", false, 512));
            try {
                putIfPresent(attachment, "size", InputFields.number(item, "size"));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(field + ".size", e.reason());
            }
            out.add(attachment);
        }
        return out;
    }

    private static Document aiMetadata(Document in) {
        Document raw = InputFields.subDocument(in, "ai_metadata");
        if (raw == null) {
            return null;
        }
        Document ai = new Document(raw);
        try {
            putIfPresent(ai, "model", InputFields.string(raw, "model", false, 256));
            for (String number : List.of("tokens_used", "response_time_ms", "temperature")) {
                putIfPresent(ai, number, InputFields.number(raw, number));
            }
            putIfPresent(ai, "finish_reason", InputFields.string(raw, "finish_reason", false, 64));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("ai_metadata." + e.field(), e.reason());
        }
        return ai;
    }

    private static Document metadata(Document in) {
        Document raw = InputFields.subDocument(in, "metadata");
        Document metadata = raw == null ? new Document() : new Document(raw);
        for (String time : List.of("read_at", "delivered_at", "edited_at")) {
            try {
                Instant at = InputFields.instant(metadata, time, false);
                if (at != null) {
                    metadata.put(time, Date.from(at));
                }
            } catch (InvalidInputException e) {
                throw new InvalidInputException("metadata." + time, e.reason());
            }
        }
        List<?> reactions = metadata.get("reactions") == null ? null : InputFields.list(metadata, "reactions");
        if (reactions != null) {
            for (int i = 0; i < reactions.size(); i++) {
                if (!(reactions.get(i) instanceof Document reaction)) {
                    throw new InvalidInputException("metadata.reactions[" + i + "]", "must be an object with emoji and user_id");
                }
                try {
                    InputFields.string(reaction, "emoji", true, 64);
                    Instant at = InputFields.instant(reaction, "created_at", false);
                    if (at != null) {
                        reaction.put("created_at", Date.from(at));
                    }
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("metadata.reactions[" + i + "]." + e.field(), e.reason());
                }
            }
        }
        return metadata;
    }

    private static void putIfPresent(Document doc, String field, Object value) {
        if (value != null) {
            doc.put(field, value);
        }
    }
}
