package dev.parley.conversations;

import dev.parley.search.SearchIndex;
import dev.parley.search.TextField;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 004's text index on {@code metadata.custom_fields}, in Parley's own index: the values of
 * a conversation's custom fields (nested ones too, not the names) are its searchable text.
 */
final class ConversationText {

    static final String NS = "c";
    static final String SEQ = "search_seq";

    private ConversationText() {
    }

    /** A conversation's searchable text: the values of its custom fields. */
    static final TextField TEXT = new TextField(ConversationText::customFieldValues);

    static String text(Document conversation) {
        return TEXT.of(conversation);
    }

    private static String customFieldValues(Document conversation) {
        if (!(conversation.get("metadata") instanceof Document metadata) || !(metadata.get("custom_fields") instanceof Document fields)) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        append(text, fields);
        return text.isEmpty() ? null : text.toString();
    }

    private static void append(StringBuilder text, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> append(text, v));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> append(text, v));
        } else if (value != null && !(value instanceof Date)) {
            text.append(value).append(" \n ");
        }
    }

    static Map<String, Integer> terms(Document conversation) {
        return conversation == null ? Map.of() : TEXT.positions(conversation);
    }

    static Instant at(Document conversation) {
        Object started = conversation.get("started_at");
        return started instanceof Date d ? d.toInstant() : Instant.now();
    }

    /**
     * Indexes {@code after} (its seq given, reserved by the caller when new) and takes out the
     * terms {@code before} had that it lost.
     */
    static void index(SearchIndex index, String tenant, String id, long seq, Document before, Document after) {
        Instant at = at(after);
        // out with every old posting (positions move), in with the new ones
        index.remove(tenant, NS, List.of(new SearchIndex.Entry(id, seq, at, terms(before))), false);
        index.add(tenant, NS, List.of(new SearchIndex.Entry(id, seq, at, terms(after))));
    }
}
