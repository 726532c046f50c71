package dev.parley.server.documents;

import dev.parley.InvalidInputException;
import dev.parley.documents.DocumentJson;
import org.bson.Document;

/** {@code sort=created_at:-1,name} (or JSON) and {@code fields=name,status} / {@code fields=-notes}. */
final class QueryParameters {

    private QueryParameters() {
    }

    static Document sort(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.strip().startsWith("{")) {
            return DocumentJson.parseQuery("sort", text);
        }
        Document sort = new Document();
        for (String part : text.split(",")) {
            String field = part.strip();
            int direction = 1;
            if (field.startsWith("-")) {
                direction = -1;
                field = field.substring(1);
            } else if (field.contains(":")) {
                String[] pieces = field.split(":", 2);
                field = pieces[0];
                direction = switch (pieces[1].strip().toLowerCase()) {
                    case "1", "asc" -> 1;
                    case "-1", "desc" -> -1;
                    default -> throw new InvalidInputException("sort", "direction must be 1, -1, asc or desc in " + part);
                };
            }
            sort.append(checkField("sort", field), direction);
        }
        return sort;
    }

    static Document fields(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.strip().startsWith("{")) {
            return DocumentJson.parseQuery("fields", text);
        }
        Document projection = new Document();
        for (String part : text.split(",")) {
            String field = part.strip();
            boolean exclude = field.startsWith("-");
            projection.append(checkField("fields", exclude ? field.substring(1) : field), exclude ? 0 : 1);
        }
        return projection;
    }

    private static String checkField(String parameter, String field) {
        if (field.isEmpty() || field.startsWith("$")) {
            throw new InvalidInputException(parameter, "field names must be non-empty and not start with $");
        }
        return field;
    }
}
