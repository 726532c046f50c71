package dev.parley.contacts;

import org.bson.Document;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * A message as a line of WhatsApp's "Export chat" text (Android, 24-hour:
 * {@code 31/12/2025, 22:15 - Name: text}), in the tenant's time zone, so the person gets the same
 * readable file WhatsApp would give them. Text goes as it was written (right-to-left text intact);
 * media without a caption reads {@code <Media omitted>}, or its file name when Parley knows it.
 */
final class WhatsAppTranscript {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm");

    private WhatsAppTranscript() {
    }

    static String line(Document message, ZoneId zone, String contactName) {
        Date at = message.getDate("created_at");
        String when = at == null ? "" : TIME.format(at.toInstant().atZone(zone));
        if ("system".equals(message.getString("sender_type"))) {
            return when + " - " + text(message) + "\n";
        }
        return when + " - " + sender(message, contactName) + ": " + text(message) + "\n";
    }

    private static String sender(Document message, String contactName) {
        Document metadata = message.get("metadata") instanceof Document m ? m : new Document();
        if (metadata.get("sender_name") instanceof String name) {
            return name;
        }
        boolean inbound = "inbound".equals(message.getString("direction"));
        if (inbound && contactName != null) {
            return contactName;
        }
        String id = message.getString(inbound ? "sender_id" : "sender_id");
        return id != null ? id : inbound ? "Contact" : "Business";
    }

    private static String text(Document message) {
        String content = message.getString("content");
        Document metadata = message.get("metadata") instanceof Document m ? m : new Document();
        boolean media = !"text".equals(message.getString("message_type")) && !"system".equals(message.getString("message_type"));
        if (media && metadata.get("attachment") instanceof String file) {
            return file + " (file attached)" + (content == null || content.isEmpty() ? "" : "\n" + content);
        }
        if (content == null || content.isEmpty()) {
            return media ? "<Media omitted>" : "";
        }
        return content;
    }
}
