package dev.parley.documents;

import dev.parley.InvalidInputException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Refuses operators that run code on the server, wherever they are nested. */
final class QueryGuard {

    private static final Set<String> CODE_OPERATORS = Set.of("$where", "$function", "$accumulator");

    private QueryGuard() {
    }

    static void check(String field, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (CODE_OPERATORS.contains(key)) {
                    throw new InvalidInputException(field, key + " is not allowed: it runs code on the server");
                }
                check(field, entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                check(field, item);
            }
        }
    }
}
