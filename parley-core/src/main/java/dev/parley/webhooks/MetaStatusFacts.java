package dev.parley.webhooks;

import org.bson.Document;

import java.util.List;

/**
 * What Parley keeps of a Meta status object besides the status itself, whether the status comes
 * from a live webhook or from a scan of past executions.
 */
public final class MetaStatusFacts {

    private MetaStatusFacts() {
    }

    /** {@code pricing}, {@code whatsapp_conversation} and {@code biz_opaque_callback_data}, for cost analytics. */
    public static Document details(Document status) {
        Document details = new Document();
        putIfPresent(details, "pricing", status.get("pricing"));
        putIfPresent(details, "whatsapp_conversation", status.get("conversation"));
        putIfPresent(details, "biz_opaque_callback_data", status.get("biz_opaque_callback_data"));
        return details;
    }

    /** The first of the status's {@code errors[]}, or null. */
    public static Document firstError(Document status) {
        return status.get("errors") instanceof List<?> errors && !errors.isEmpty() && errors.get(0) instanceof Document e
                ? e : null;
    }

    static void putIfPresent(Document doc, String field, Object value) {
        if (value != null) {
            doc.append(field, value);
        }
    }
}
