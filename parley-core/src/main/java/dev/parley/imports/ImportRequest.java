package dev.parley.imports;

import dev.parley.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read an upload: its format, seed 003's descriptive fields, hints for chat exports
 * ({@code conversation_id}, {@code channel}, {@code me}: the export's own user, whose messages are
 * outbound), a CSV column map ({@code content=text,created_at=time}), and {@code force} to import
 * bytes Parley has seen before.
 */
public record ImportRequest(ImportFormat format, String fileName, String source, String environment, String serviceName,
                            String userId, String conversationId, String channel, String me, Map<String, String> columns,
                            boolean force) {

    public ImportRequest {
        if (format == null) {
            throw new InvalidInputException("format", "is required");
        }
        fileName = fileName == null || fileName.isBlank() ? "upload." + format.wire().replace("whatsapp-export", "txt") : fileName;
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    /** {@code content=text,created_at=time}: message field = CSV column. */
    public static Map<String, String> columns(String map) {
        Map<String, String> columns = new LinkedHashMap<>();
        if (map == null || map.isBlank()) {
            return columns;
        }
        for (String pair : map.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new InvalidInputException("map", "must be field=column pairs separated by commas, e.g. content=text,created_at=time");
            }
            columns.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return columns;
    }
}
