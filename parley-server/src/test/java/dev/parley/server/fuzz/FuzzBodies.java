package dev.parley.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Request bodies an attacker or a broken client sends: nesting up to 100,000 deep, huge strings
 * and numbers, NUL and control characters in names and values, bytes that are not UTF-8, wrong
 * content types, empty and truncated bodies, Extended JSON operators, duplicate names, numbers out
 * of range, and random mutations of a valid body of the route. Deterministic for a seed.
 */
final class FuzzBodies {

    /** One body to send: its bytes, its Content-Type (null for none) and what kind of fuzz it is. */
    record Body(String kind, String contentType, byte[] bytes) {

        static Body json(String kind, String text) {
            return new Body(kind, "application/json", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A value written verbatim into the JSON text (NaN, 1e400, an Extended JSON literal…). */
    record Raw(String text) {
    }

    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "multipart/form-data",
        "application/x-www-form-urlencoded", "application/octet-stream", "!!", "application/json; charset=utf-99",
        "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16", "application/merge-patch+json", "*/*",
        "application/json; boundary=\"", null};
    private static final String[] OPERATORS = {"{\"$where\":\"sleep(1000)\"}", "{\"$function\":{\"body\":\"x\",\"args\":[],\"lang\":\"js\"}}",
        "{\"$date\":\"garbage\"}", "{\"$date\":{\"$numberLong\":\"99999999999999999999\"}}", "{\"$oid\":\"zz\"}",
        "{\"$numberDecimal\":\"1e7000\"}", "{\"$numberDecimal\":\"" + "9".repeat(5_000) + "\"}", "{\"$numberLong\":\"9223372036854775808\"}",
        "{\"$binary\":\"!!\",\"$type\":\"0\"}", "{\"$binary\":{\"base64\":\"AA==\",\"subType\":\"zz\"}}", "{\"$regex\":\"a\\u0000\",\"$options\":\"i\"}",
        "{\"$regularExpression\":{\"pattern\":\"(\",\"options\":\"q\"}}", "{\"$timestamp\":{\"t\":-1,\"i\":-1}}", "{\"$symbol\":\"s\"}",
        "{\"$dbPointer\":{\"$ref\":\"x\",\"$id\":{\"$oid\":\"5f0000000000000000000000\"}}}", "{\"$code\":\"while(1){}\"}",
        "{\"$code\":\"x\",\"$scope\":{\"a\":1}}", "{\"$undefined\":true}", "{\"$maxKey\":1}", "{\"$minKey\":1}", "{\"$uuid\":\"not-a-uuid\"}",
        "{\"$numberDouble\":\"Infinity\"}", "{\"$numberInt\":\"99999999999\"}", "{\"$expr\":{\"$gt\":[1,0]}}", "{\"$gt\":\"\"}",
        "{\"$accumulator\":{}}", "{\"$ne\":null}", "ObjectId(\"zz\")", "ISODate(\"garbage\")", "NumberLong(\"x\")", "/(a+)+$/",
        "new Date(" + "9".repeat(400) + ")", "BinData(0,\"!!\")", "Timestamp(1,2)", "{\"$ref\":\"c\",\"$id\":1,\"$db\":\"admin\"}"};
    private static final String[] NUMBERS = {"1e400", "-1e400", "1e-400", "NaN", "Infinity", "-Infinity", "-0", "9223372036854775808",
        "-9223372036854775809", "1" + "0".repeat(400), "0." + "0".repeat(500) + "1", "1e", "01", "1.", ".5", "+1", "0x10", "1_000",
        "4.9e-324", "1.7976931348623157e308", "2147483648", "-2147483649", "1" + "2".repeat(99)};
    private static final String[] NAMES = {"a\u0000b", "\u0000", "", "$where", "$set", "a.b", "..", "$", "_id", "organization_id",
        "\u0001\u001f", "\ud800", "名前", "مرحبا", "a".repeat(2_000), "__proto__", "constructor", "\\", "\"", " "};

    private final SplittableRandom random;

    FuzzBodies(long seed) {
        this.random = new SplittableRandom(seed);
    }

    SplittableRandom random() {
        return random;
    }

    /** A body for a route whose valid body is {@code sample} (JSON, or form text for a form route). */
    Body next(Object sample, boolean form) {
        List<Function<Object, Body>> kinds = form ? formKinds() : jsonKinds();
        return kinds.get(random.nextInt(kinds.size())).apply(sample);
    }

    private List<Function<Object, Body>> jsonKinds() {
        return List.of(
                sample -> Body.json("deep-object", deep("{\"a\":", "}", depth(), "1")),
                sample -> Body.json("deep-array", deep("[", "]", depth(), "")),
                sample -> Body.json("deep-mixed", deep("[{\"a\":", "}]", depth() / 2, "[]")),
                sample -> Body.json("deep-in-valid", write(mutateInto(sample, new Raw(deep("[", "]", depth(), "1"))))),
                sample -> Body.json("huge-string", write(mutateInto(sample, "x".repeat(random.nextInt(1, 900_000))))),
                sample -> Body.json("huge-escaped-string", write(mutateInto(sample, new Raw("\"" + "\\u0628".repeat(random.nextInt(1, 150_000)) + "\"")))),
                sample -> Body.json("huge-number", write(mutateInto(sample, new Raw((random.nextBoolean() ? "-" : "") + "9".repeat(random.nextInt(20, 5_000)))))),
                sample -> Body.json("huge-name", write(mutateKey(sample, "k".repeat(random.nextInt(1_000, 300_000))))),
                sample -> Body.json("odd-name", write(mutateKey(sample, pick(NAMES)))),
                sample -> Body.json("control-value", write(mutateInto(sample, controls()))),
                sample -> raw("raw-control", write(sample).replace(":", ":\u0000").getBytes(StandardCharsets.UTF_8)),
                sample -> new Body("invalid-utf8", "application/json", invalidUtf8(write(sample))),
                sample -> new Body("wrong-type", pick(CONTENT_TYPES), write(sample).getBytes(StandardCharsets.UTF_8)),
                sample -> new Body("empty", random.nextBoolean() ? "application/json" : null, random.nextBoolean() ? new byte[0] : " \n\t ".getBytes()),
                sample -> Body.json("truncated", truncate(write(sample))),
                sample -> Body.json("operator", write(mutateInto(sample, new Raw(pick(OPERATORS))))),
                sample -> Body.json("duplicate-names", duplicateNames(write(sample))),
                sample -> Body.json("number", write(mutateInto(sample, new Raw(pick(NUMBERS))))),
                sample -> Body.json("batch", batch(sample)),
                sample -> Body.json("not-an-object", pick(new String[] {"[]", "[1]", "null", "true", "\"x\"", "42", "[[]]", "{}", "{\"\":{}}",
                    "[{}]".repeat(2), "{\"a\":1}}", "{'a':1}", "{a:1}", "{\"a\":1,}", "[1,]", "\ufeff{}", "{\"a\":1}garbage"})),
                sample -> Body.json("valid-shaped", write(mutate(sample, 1 + random.nextInt(4)))),
                sample -> Body.json("valid-shaped", write(mutate(sample, 1 + random.nextInt(4)))),
                sample -> Body.json("valid", write(sample)));
    }

    private List<Function<Object, Body>> formKinds() {
        return List.of(
                sample -> form("form-valid", (String) sample),
                sample -> form("form-bad-escape", sample + "&" + pick(new String[] {"a=%zz", "b=%", "c=%f", "%zz=1", "d=%ff%fe", "e=%c0%80", "f=%ed%a0%80"})),
                sample -> new Body("form-invalid-utf8", "application/x-www-form-urlencoded", invalidUtf8((String) sample)),
                sample -> form("form-many", sample + "&x=1".repeat(random.nextInt(900, 20_000))),
                sample -> form("form-huge-value", sample + "&Body=" + "y".repeat(random.nextInt(1, 1_100_000))),
                sample -> form("form-nul", sample + "&MessageStatus=%00sent&To=%00"),
                sample -> form("form-json", "{\"a\":" + "[".repeat(depth()) + "}"),
                sample -> new Body("form-empty", "application/x-www-form-urlencoded", new byte[0]),
                sample -> new Body("form-wrong-type", pick(CONTENT_TYPES), ((String) sample).getBytes(StandardCharsets.UTF_8)),
                sample -> form("form-random", randomForm()));
    }

    private int depth() {
        int[] depths = {65, 100, 1_000, 10_000, 100_000};
        return random.nextInt(3) == 0 ? random.nextInt(1, 100_001) : depths[random.nextInt(depths.length)];
    }

    private static String deep(String open, String close, int depth, String inner) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String controls() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(1, 64); i > 0; i--) {
            text.append((char) random.nextInt(0, 32));
        }
        return text.append(random.nextBoolean() ? "\ud800" : "\udfff\ud800").toString();
    }

    private byte[] invalidUtf8(String text) {
        byte[][] bad = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xfe, (byte) 0xfe}};
        byte[] valid = text.getBytes(StandardCharsets.UTF_8);
        int at = valid.length == 0 ? 0 : random.nextInt(valid.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(valid, 0, at);
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.write(valid, at, valid.length - at);
        return out.toByteArray();
    }

    private String truncate(String json) {
        return json.length() <= 1 ? json : json.substring(0, random.nextInt(1, json.length()));
    }

    private String duplicateNames(String json) {
        return json.startsWith("{") && json.length() > 2 ? "{\"dup\":1,\"dup\":{\"x\":2}," + json.substring(1) : "{\"a\":1,\"a\":2}";
    }

    private String batch(Object sample) {
        Object one = sample instanceof List<?> list && !list.isEmpty() ? list.get(0) : sample;
        int size = new int[] {2, 999, 1_000, 1_001, 5_000}[random.nextInt(5)];
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(i == size - 1 && random.nextBoolean() ? mutate(one, 1) : one); // a bad last item: nothing of the batch may stay
        }
        return write(items);
    }

    private Body raw(String kind, byte[] bytes) {
        return new Body(kind, "application/json", bytes);
    }

    private static Body form(String kind, String text) {
        return new Body(kind, "application/x-www-form-urlencoded", text.getBytes(StandardCharsets.UTF_8));
    }

    private String randomForm() {
        StringBuilder form = new StringBuilder();
        for (int i = random.nextInt(1, 20); i > 0; i--) {
            form.append(form.isEmpty() ? "" : "&").append(randomText(8)).append('=').append(randomText(40));
        }
        return form.toString();
    }

    private String randomText(int max) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(0, max); i > 0; i--) {
            text.append((char) random.nextInt(0x20, 0x7f));
        }
        return text.toString();
    }

    // ------------------------------------------------------------------ valid-shaped mutations

    /** {@code sample} with {@code steps} random changes: a value replaced, a field added or removed. */
    Object mutate(Object sample, int steps) {
        Object copy = copy(sample);
        for (int i = 0; i < steps; i++) {
            Map<String, Object> target = someObject(copy);
            if (target == null) {
                return randomValue(2);
            }
            List<String> names = new ArrayList<>(target.keySet());
            switch (random.nextInt(3)) {
                case 0 -> {
                    if (!names.isEmpty()) {
                        target.put(names.get(random.nextInt(names.size())), randomValue(2));
                    }
                }
                case 1 -> target.put(random.nextBoolean() ? pick(NAMES) : randomText(12), randomValue(2));
                default -> {
                    if (!names.isEmpty()) {
                        target.remove(names.get(random.nextInt(names.size())));
                    }
                }
            }
        }
        return copy;
    }

    private Object mutateInto(Object sample, Object value) {
        Object copy = copy(sample);
        Map<String, Object> target = someObject(copy);
        if (target == null) {
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("v", value);
            return wrapped;
        }
        List<String> names = new ArrayList<>(target.keySet());
        target.put(names.isEmpty() || random.nextBoolean() ? "fuzz" : names.get(random.nextInt(names.size())), value);
        return copy;
    }

    private Object mutateKey(Object sample, String name) {
        Object copy = copy(sample);
        Map<String, Object> target = someObject(copy);
        if (target == null) {
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put(name, 1);
            return wrapped;
        }
        target.put(name, randomValue(1));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> someObject(Object value) {
        List<Map<String, Object>> objects = new ArrayList<>();
        collect(value, objects);
        return objects.isEmpty() ? null : objects.get(random.nextInt(objects.size()));
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object value, List<Map<String, Object>> into) {
        if (value instanceof Map<?, ?> map) {
            into.add((Map<String, Object>) map);
            map.values().forEach(v -> collect(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, into));
        }
    }

    private Object randomValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 10 : 8)) {
            case 0 -> randomText(30);
            case 1 -> random.nextLong();
            case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(-300, 300));
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> new Raw(pick(NUMBERS));
            case 6 -> new Raw(pick(OPERATORS));
            case 7 -> "مرحبا " + randomText(5) + " 名前 \ud83d\ude00";
            case 8 -> {
                List<Object> list = new ArrayList<>();
                list.add(randomValue(depth - 1));
                list.add(randomValue(depth - 1));
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put(randomText(6), randomValue(depth - 1));
                yield map;
            }
        };
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }

    // ------------------------------------------------------------------ JSON text

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof String s) {
            string(s, out);
        } else {
            out.append(value);
        }
    }

    /** A JSON string; lone surrogates are written as escapes so they reach the parser as such. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
