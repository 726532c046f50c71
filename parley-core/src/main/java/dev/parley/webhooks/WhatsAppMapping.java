package dev.parley.webhooks;

import dev.parley.messages.MessageStatus;
import dev.parley.messages.StatusEvent;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Meta's Cloud API webhook objects ({@code messages[]}, {@code statuses[]}) as Parley messages and
 * status events. Lenient by design: real payloads miss fields, add new ones and put strings where
 * numbers belong, so nothing here throws on shape; what cannot be understood is kept, not dropped.
 */
final class WhatsAppMapping {

    /**
     * The content keys a message can carry, in the order a missing {@code type} is inferred from
     * them: Meta's own samples leave {@code type} out of location and contacts messages, and a
     * referral (click-to-WhatsApp ad) comes beside the text it started, so it is looked at last.
     */
    private static final List<String> CONTENT_KEYS = List.of("text", "image", "audio", "video", "document", "sticker",
            "location", "contacts", "interactive", "button", "reaction", "order", "system", "referral");
    private static final Set<String> KNOWN_TYPES = Set.copyOf(CONTENT_KEYS);
    /** Keys of a message that the mapping reads; any other is kept in {@code metadata} as it came. */
    private static final Set<String> READ_KEYS = Set.of("from", "id", "timestamp", "type", "context", "errors", "identity");
    private static final Set<String> MEDIA = Set.of("image", "audio", "video", "document", "sticker");

    private WhatsAppMapping() {
    }

    /** An inbound message, continuing the conversation with the contact ({@code conversation_id} = wa_id, as seed 002). */
    static Document inbound(Document message, String phoneNumberId, String displayPhoneNumber, Map<String, String> names) {
        String from = text(message.get("from"));
        String type = type(message);
        String parleyType = KNOWN_TYPES.contains(type) ? type : "unknown";
        Document doc = new Document("message_id", text(message.get("id")))
                .append("conversation_id", from)
                .append("direction", "inbound").append("sender_type", "user").append("role", "user")
                .append("sender_id", from)
                .append("receiver_id", displayPhoneNumber != null ? displayPhoneNumber : phoneNumberId)
                .append("message_type", parleyType)
                .append("channel", "whatsapp")
                .append("contact_wa_id", from)
                .append("phone_number_id", phoneNumberId);
        Instant at = epoch(message.get("timestamp"));
        if (at != null) {
            doc.append("created_at", at.toString());
        }
        Document metadata = new Document("whatsapp_type", type);
        if (from != null && names.get(from) != null) {
            metadata.append("profile_name", names.get(from));
        }
        String content = content(type, message, metadata);
        if (content == null && parleyType.equals("text")) {
            content = "";
        }
        if (content != null) {
            doc.append("content", content);
        }
        if (message.get("context") instanceof Document context) {
            if (context.get("id") != null) {
                doc.append("reply_to", text(context.get("id")));
            }
            metadata.append("context", context);
        }
        for (String extra : List.of("referral", "errors", "identity")) {
            if (message.get(extra) != null) {
                metadata.append(extra, message.get(extra));
            }
        }
        for (Map.Entry<String, Object> field : message.entrySet()) { // what Meta adds later is kept, not dropped
            if (!READ_KEYS.contains(field.getKey()) && !field.getKey().equals(type) && !metadata.containsKey(field.getKey())) {
                metadata.append(field.getKey(), field.getValue());
            }
        }
        doc.append("metadata", metadata);
        return doc;
    }

    /** The declared {@code type}, or the first content key present when it is missing; {@code unknown} when neither. */
    static String type(Document message) {
        String declared = text(message.get("type"));
        if (declared != null && !declared.isBlank()) {
            return declared.toLowerCase(Locale.ROOT);
        }
        for (String key : CONTENT_KEYS) {
            if (message.get(key) != null) {
                return key;
            }
        }
        return "unknown";
    }

    private static String content(String type, Document message, Document metadata) {
        Object body = message.get(type);
        Document part = body instanceof Document d ? d : new Document();
        if (MEDIA.contains(type)) {
            for (String field : List.of("id", "mime_type", "sha256", "filename", "voice", "animated")) {
                if (part.get(field) != null) {
                    metadata.append(field.equals("id") ? "media_id" : field, part.get(field));
                }
            }
            return text(part.get("caption"));
        }
        return switch (type) {
            case "text" -> text(part.get("body"));
            case "reaction" -> {
                metadata.append("reacted_to", text(part.get("message_id")));
                String emoji = text(part.get("emoji"));
                metadata.append("reaction_removed", emoji == null || emoji.isEmpty());
                yield emoji;
            }
            case "button" -> {
                metadata.append("payload", part.get("payload"));
                yield text(part.get("text"));
            }
            case "interactive" -> interactive(part, metadata);
            case "location" -> {
                metadata.append("location", part);
                yield joined(text(part.get("name")), text(part.get("address")));
            }
            case "contacts" -> {
                metadata.append("contacts", body);
                yield contactNames(body);
            }
            case "order" -> {
                metadata.append("order", part);
                yield text(part.get("text"));
            }
            case "system" -> {
                metadata.append("system", part);
                yield text(part.get("body"));
            }
            case "referral" -> joined(text(part.get("headline")), text(part.get("body")));
            default -> {
                if (body != null) {
                    metadata.append(type, body); // a type Parley does not know yet: its content as it came
                }
                yield null;
            }
        };
    }

    private static String interactive(Document part, Document metadata) {
        for (String kind : List.of("button_reply", "list_reply", "nfm_reply")) {
            if (part.get(kind) instanceof Document reply) {
                metadata.append("interactive_type", kind).append("reply_id", reply.get("id"));
                return text(reply.get("title") != null ? reply.get("title") : reply.get("body"));
            }
        }
        return null;
    }

    private static String contactNames(Object contacts) {
        if (!(contacts instanceof List<?> list)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Document contact && contact.get("name") instanceof Document name) {
                names.add(text(name.get("formatted_name")));
            }
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /** A status, or empty when Meta sends one Parley does not know (kept in the raw payload). */
    static Optional<StatusEvent> status(Document status) {
        String name = text(status.get("status"));
        String id = text(status.get("id"));
        if (name == null || id == null) {
            return Optional.empty();
        }
        MessageStatus parsed;
        try {
            parsed = MessageStatus.parse("status", name);
        } catch (RuntimeException unknown) {
            return Optional.empty();
        }
        Instant at = epoch(status.get("timestamp"));
        Document error = MetaStatusFacts.firstError(status);
        Document details = MetaStatusFacts.details(status);
        return Optional.of(new StatusEvent(id, parsed, at == null ? Instant.now() : at, null, text(status.get("recipient_id")),
                "whatsapp", error, false, details.isEmpty() ? null : details));
    }

    static Instant epoch(Object value) {
        try {
            if (value instanceof Number n) {
                return Instant.ofEpochSecond(n.longValue());
            }
            if (value instanceof String s && !s.isBlank()) {
                return Instant.ofEpochSecond(Long.parseLong(s.trim()));
            }
        } catch (NumberFormatException e) {
            // an unreadable time: the caller uses the receipt time
        }
        return null;
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String joined(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + ", " + b;
    }
}
