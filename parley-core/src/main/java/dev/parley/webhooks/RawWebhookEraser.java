package dev.parley.webhooks;

import dev.parley.documents.DocumentJson;
import dev.parley.erasure.ErasureSubject;
import dev.parley.erasure.Markers;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.erasure.Redaction;
import dev.parley.store.MongoStore;
import dev.parley.store.PlatformCollection;
import org.bson.Document;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A contact's erasure in the tenant's raw webhook payloads: a WhatsApp payload loses the
 * {@code contacts[]}, {@code messages[]} and {@code statuses[]} that are theirs, and every other
 * value that names them; a Twilio callback's parameters that name them are replaced. The payload
 * no longer matches its signature, which is dropped ({@code redacted} says when and by which
 * erasure); what is left can still be replayed, to no effect on the person.
 */
public final class RawWebhookEraser implements PersonalDataEraser {

    private final PlatformCollection raw;
    private final String tenant;

    public RawWebhookEraser(MongoStore store, String tenant) {
        this.raw = store.platform(RawWebhooks.COLLECTION);
        this.tenant = tenant;
    }

    @Override
    public List<String> collections() {
        return List.of(RawWebhooks.COLLECTION);
    }

    @Override
    public List<CollectionCount> erase(ErasureSubject subject) {
        long changed = 0;
        for (Document record : raw.find(new Document("organization_ids", tenant))) {
            if (!names(record, subject.markers())) {
                continue;
            }
            Redaction redaction = new Redaction(subject.markers());
            Document clean = new Document(record);
            clean.put("body", "twilio".equals(record.getString("provider")) ? form(record.getString("body"), redaction)
                    : json(record.getString("body"), subject.markers(), redaction));
            clean.put("signature", null);
            clean.put("outcome", redaction.value(record.get("outcome")));
            clean.put("redacted", new Document("at", Date.from(Instant.now())).append("erasure_id", subject.erasureId()));
            raw.replace(clean);
            changed++;
        }
        return List.of(new CollectionCount(RawWebhooks.COLLECTION, changed));
    }

    @Override
    public void export(ErasureSubject subject, Exported out) {
        for (Document record : raw.find(new Document("organization_ids", tenant))) {
            if (names(record, subject.markers())) {
                Document view = new Document(record);
                view.remove("signature");
                out.document(RawWebhooks.COLLECTION, view);
            }
        }
    }

    @Override
    public List<CollectionCheck> check(ErasureSubject subject) {
        long checked = 0;
        long found = 0;
        for (Document record : raw.find(new Document("organization_ids", tenant))) {
            checked++;
            found += names(record, subject.markers()) ? 1 : 0;
        }
        return List.of(new CollectionCheck(RawWebhooks.COLLECTION, checked, found));
    }

    private static boolean names(Document record, Markers markers) {
        Object body = record.get("body");
        Document rest = new Document(record);
        rest.remove("body");
        boolean form = "twilio".equals(record.getString("provider")) && body instanceof String;
        return Redaction.names(rest, markers) || (form ? Redaction.names(new ArrayList<>(params((String) body).values()), markers)
                || Redaction.names(new ArrayList<>(params((String) body).keySet()), markers) : Redaction.names(body, markers));
    }

    /** A WhatsApp payload without the person's entries, and with the rest's naming values replaced. */
    private static String json(String body, Markers markers, Redaction redaction) {
        Document payload;
        try {
            payload = DocumentJson.parseObject("body", body);
        } catch (RuntimeException unreadable) {
            return ErasureSubject.ERASED; // kept as text when it was not JSON: nothing of it can be told apart
        }
        for (Object entry : list(payload.get("entry"))) {
            if (!(entry instanceof Document e)) {
                continue;
            }
            for (Object change : list(e.get("changes"))) {
                if (change instanceof Document c && c.get("value") instanceof Document value) {
                    drop(value, "contacts", "wa_id", markers);
                    drop(value, "messages", "from", markers);
                    drop(value, "statuses", "recipient_id", markers);
                }
            }
        }
        return DocumentJson.write((Document) redaction.value(payload));
    }

    private static void drop(Document value, String field, String key, Markers markers) {
        if (value.get(field) instanceof List<?> items) {
            value.put(field, items.stream().filter(item -> !(item instanceof Document d && markers.names(String.valueOf(d.get(key)))))
                    .toList());
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String form(String body, Redaction redaction) {
        StringBuilder out = new StringBuilder();
        params(body).forEach((name, value) -> {
            out.append(out.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode((String) redaction.value(value), StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    private static Map<String, String> params(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                params.put(name, value);
            }
        }
        return params;
    }
}
