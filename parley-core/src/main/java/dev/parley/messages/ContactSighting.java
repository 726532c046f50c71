package dev.parley.messages;

import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A person seen in a message or a status: the conversation, the raw values that may identify them
 * (a WhatsApp wa_id, the sender of an inbound or the receiver of an outbound message, a status's
 * recipient), the name they go by, and when.
 */
public record ContactSighting(String conversationId, List<String> identifiers, String displayName, Instant at) {

    /** The person on the other side of a message body, if it names anyone. */
    static ContactSighting of(Document body) {
        List<String> identifiers = new ArrayList<>();
        add(identifiers, body.getString("contact_wa_id"));
        add(identifiers, "outbound".equals(body.getString("direction")) ? body.getString("receiver_id") : body.getString("sender_id"));
        Document metadata = body.get("metadata") instanceof Document m ? m : new Document();
        String name = metadata.get("profile_name") instanceof String p ? p
                : metadata.get("sender_name") instanceof String s && "inbound".equals(body.getString("direction"))
                && s.codePoints().anyMatch(Character::isLetter) ? s : null; // an export shows a number when the contact was not saved
        Instant at = body.get("created_at") instanceof Date d ? d.toInstant() : Instant.now();
        return new ContactSighting(body.getString("conversation_id"), identifiers, name, at);
    }

    /** The recipient a status names (WhatsApp's recipient_id, Twilio's To). */
    static ContactSighting of(StatusEvent event) {
        List<String> identifiers = new ArrayList<>();
        add(identifiers, event.conversationId());
        return new ContactSighting(event.conversationId(), identifiers, null, event.timestamp());
    }

    private static void add(List<String> identifiers, String value) {
        if (value != null && !value.isBlank()) {
            identifiers.add(value);
        }
    }
}
