package dev.parley.conversations;

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

/** Seed 004's Conversation, checked and brought to Parley's shape ({@code company_id} → tenant). */
public final class ConversationFields {

    static final Set<String> CHANNELS = Conversations.CHANNELS;
    public static final Set<String> STATUSES = Set.of("active", "ended", "archived");
    private static final Map<String, String> ALIASES = Map.of("company_id", "organization_id", "id", "conversation_id",
            "wa_id", "contact_wa_id");
    private static final Set<String> KNOWN = Set.of("conversation_id", "organization_id", "agent_id", "contact_id", "user_id",
            "channel", "status", "started_at", "ended_at", "tags", "metadata", "contact_wa_id", "phone_number_id");
    private static final Set<String> METADATA = Set.of("source", "ip_address", "user_agent", "custom_fields");

    private ConversationFields() {
    }

    /** A new conversation; {@code agent_id} and {@code channel} are required as in seed 004. */
    static Document forStart(Document input, String tenant) {
        Document in = canonical(input, tenant);
        Document doc = new Document();
        String id = InputFields.string(in, "conversation_id", false, 256);
        doc.put("conversation_id", id == null ? new ObjectId().toHexString() : id);
        doc.put("agent_id", InputFields.string(in, "agent_id", true, 256));
        doc.put("channel", InputFields.oneOf(in, "channel", CHANNELS, null));
        doc.put("status", InputFields.oneOf(in, "status", STATUSES, "active"));
        Instant started = InputFields.instant(in, "started_at", false);
        doc.put("started_at", Date.from(started == null ? Instant.now() : started));
        doc.putAll(optional(in));
        return doc;
    }

    /** The fields a PATCH may change (all optional; conversation_id and organization_id are fixed). */
    static Document forUpdate(Document input, String tenant) {
        Document in = canonical(input, tenant);
        if (in.containsKey("conversation_id")) {
            throw new InvalidInputException("conversation_id", "cannot be changed");
        }
        Document doc = new Document();
        if (in.containsKey("agent_id")) {
            doc.put("agent_id", InputFields.string(in, "agent_id", true, 256));
        }
        if (in.containsKey("channel")) {
            doc.put("channel", InputFields.oneOf(in, "channel", CHANNELS, null));
        }
        if (in.containsKey("status")) {
            doc.put("status", InputFields.oneOf(in, "status", STATUSES, null));
        }
        if (in.containsKey("started_at")) {
            doc.put("started_at", Date.from(InputFields.instant(in, "started_at", true)));
        }
        doc.putAll(optional(in));
        if (in.containsKey("metadata") && in.get("metadata") == null) {
            doc.put("metadata", null); // RFC 7396: null removes it
        }
        if (doc.isEmpty()) {
            throw new InvalidInputException("body", "names no field to change");
        }
        return doc;
    }

    /** The optional fields a PUT removes when its body does not give them. */
    static final List<String> REPLACEABLE = List.of("contact_id", "user_id", "contact_wa_id", "phone_number_id", "ended_at",
            "tags", "metadata");

    /**
     * A whole conversation for PUT: as seed 004's create ({@code agent_id} and {@code channel}
     * required), for the conversation {@code conversationId}; {@code started_at} may be left out (kept).
     */
    static Document forReplace(Document input, String tenant, String conversationId) {
        Document in = canonical(input, tenant);
        String id = InputFields.string(in, "conversation_id", false, 256);
        if (id != null && !id.equals(conversationId)) {
            throw new InvalidInputException("conversation_id", "cannot be changed (it must be the path's, or left out)");
        }
        Document doc = new Document();
        doc.put("agent_id", InputFields.string(in, "agent_id", true, 256));
        doc.put("channel", InputFields.oneOf(in, "channel", CHANNELS, null));
        doc.put("status", InputFields.oneOf(in, "status", STATUSES, "active"));
        Instant started = InputFields.instant(in, "started_at", false);
        if (started != null) {
            doc.put("started_at", Date.from(started));
        }
        doc.putAll(optional(in));
        return doc;
    }

    private static Document canonical(Document input, String tenant) {
        Document in = InputFields.canonical(input, ALIASES);
        String organization = InputFields.string(in, "organization_id", false, 64);
        if (organization != null && !organization.equals(tenant)) {
            throw new InvalidInputException("organization_id", "is set by Parley from your API key and cannot name another tenant");
        }
        return in;
    }

    private static Document optional(Document in) {
        Document doc = new Document();
        for (String id : List.of("contact_id", "user_id", "contact_wa_id", "phone_number_id")) {
            String value = InputFields.string(in, id, false, 256);
            if (value != null) {
                doc.put(id, value);
            }
        }
        Instant ended = InputFields.instant(in, "ended_at", false);
        if (ended != null) {
            doc.put("ended_at", Date.from(ended));
        }
        List<?> tags = InputFields.list(in, "tags");
        if (tags != null) {
            List<String> clean = new ArrayList<>();
            for (int i = 0; i < tags.size(); i++) {
                if (!(tags.get(i) instanceof String tag) || tag.isBlank() || tag.length() > 128) {
                    throw new InvalidInputException("tags[" + i + "]", "must be a non-empty string of at most 128 characters");
                }
                if (!clean.contains(tag)) {
                    clean.add(tag);
                }
            }
            doc.put("tags", clean);
        }
        Document metadata = metadata(in);
        if (!metadata.isEmpty()) {
            doc.put("metadata", metadata);
        }
        return doc;
    }

    /** seed 004's metadata.{source, ip_address, user_agent, custom_fields}; unknown top-level fields join custom_fields. */
    private static Document metadata(Document in) {
        Document given = InputFields.subDocument(in, "metadata");
        Document metadata = new Document();
        Document custom = new Document();
        if (given != null) {
            for (Map.Entry<String, Object> entry : given.entrySet()) {
                if (METADATA.contains(entry.getKey()) && !entry.getKey().equals("custom_fields")) {
                    metadata.put(entry.getKey(), InputFields.string(given, entry.getKey(), false, 1024));
                } else if (entry.getKey().equals("custom_fields")) {
                    Document fields = InputFields.subDocument(given, "custom_fields");
                    if (fields != null) {
                        custom.putAll(fields);
                    }
                } else {
                    custom.put(entry.getKey(), entry.getValue());
                }
            }
        }
        for (Map.Entry<String, Object> entry : in.entrySet()) {
            if (!KNOWN.contains(entry.getKey()) && !entry.getKey().startsWith("$")) {
                custom.put(entry.getKey(), entry.getValue());
            }
        }
        if (!custom.isEmpty()) {
            metadata.put("custom_fields", custom);
        }
        return metadata;
    }
}
