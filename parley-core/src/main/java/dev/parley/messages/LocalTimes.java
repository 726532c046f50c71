package dev.parley.messages;

import org.bson.Document;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * UTC inside, the tenant's time zone outside: adds {@code <field>_formatted} ({@code yyyy-MM-dd
 * HH:mm} in the zone, as seed 002 does for Asia/Riyadh) beside every time in a document.
 */
public final class LocalTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private LocalTimes() {
    }

    public static Document withFormatted(Document doc, ZoneId zone) {
        Document out = new Document();
        for (Map.Entry<String, Object> entry : doc.entrySet()) {
            Object value = convert(entry.getValue(), zone);
            out.put(entry.getKey(), value);
            if (entry.getValue() instanceof Date date) {
                out.put(entry.getKey() + "_formatted", FORMAT.format(date.toInstant().atZone(zone)));
            }
        }
        return out;
    }

    private static Object convert(Object value, ZoneId zone) {
        if (value instanceof Document nested) {
            return withFormatted(nested, zone);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(convert(item, zone)));
            return out;
        }
        return value;
    }
}
