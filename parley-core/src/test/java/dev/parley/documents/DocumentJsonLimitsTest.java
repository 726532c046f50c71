package dev.parley.documents;

import dev.parley.InvalidInputException;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The one set of JSON limits every route, webhook and import line goes through (issue 18, item 7). */
class DocumentJsonLimitsTest {

    private static final JsonLimits LIMITS = JsonLimits.DEFAULT;

    @Test
    void nestingIsRefusedPastTheLimitInsteadOfOverflowingTheStack() {
        String deepest = "{\"a\":".repeat(LIMITS.maxDepth() - 1) + "[1]" + "}".repeat(LIMITS.maxDepth() - 1);
        assertThat(DocumentJson.parseObject("body", deepest)).isNotNull();

        for (int depth : new int[] {LIMITS.maxDepth() + 1, 10_000, 100_000}) {
            assertRefused(() -> DocumentJson.parseObject("body", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                    "body", "deeper than " + LIMITS.maxDepth());
            assertRefused(() -> DocumentJson.parseObjects("body", "[".repeat(depth) + "]".repeat(depth)), "body", "deeper");
        }
    }

    @Test
    void bracketsInsideStringsAndRegexesDoNotCountButRegexClosersCannotHideDepth() {
        String brackets = "{\"s\":\"" + "[{".repeat(1_000) + "\",'t':'" + "}]".repeat(1_000) + "'}";
        assertThat(DocumentJson.parseObject("body", brackets).getString("s")).hasSize(2_000);

        // a regex full of closing brackets must not let real nesting go uncounted
        String hidden = "{\"r\":[/" + "]".repeat(200) + "/," + "[".repeat(200) + "]".repeat(200) + "]}";
        assertRefused(() -> DocumentJson.parseObject("body", hidden), "body", "deeper");
    }

    @Test
    void longStringsNamesAndNumbersAreRefused() {
        assertRefused(() -> DocumentJson.parseObject("body", "{\"s\":\"" + "x".repeat(LIMITS.maxStringLength() + 1) + "\"}"),
                "body", "string longer");
        assertRefused(() -> DocumentJson.parseObject("body", "{\"" + "k".repeat(LIMITS.maxNameLength() + 1) + "\":1}"),
                "body", "field names must be at most");
        assertRefused(() -> DocumentJson.parseObject("body", "{\"n\":1" + "0".repeat(LIMITS.maxNumberLength()) + "}"),
                "body", "number longer");
        // escapes count once: 100,000 \\u0628 make 100,000 characters
        Document arabic = DocumentJson.parseObject("body", "{\"s\":\"" + "\\u0628".repeat(100_000) + "\"}");
        assertThat(arabic.getString("s")).hasSize(100_000);
    }

    @Test
    void longDecimalsAreRefusedBeforeTheirQuadraticParse() {
        String digits = "1".repeat(1_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertRefused(() -> DocumentJson.parseObject("body", "{\"d\":{\"$numberDecimal\":\"" + digits + "\"}}"),
                    "body", "$numberDecimal longer");
            assertRefused(() -> DocumentJson.parseObject("body", "{\"d\":NumberDecimal(\"" + digits + "\")}"),
                    "body", "$numberDecimal longer");
        });
        assertThat(DocumentJson.parseObject("body", "{\"d\":{\"$numberDecimal\":\"1234.5678\"}}").get("d"))
                .isEqualTo(Decimal128.parse("1234.5678"));
        assertThat(DocumentJson.parseObject("body", "{\"a\":[\"$numberDecimal\",\"" + "x".repeat(100) + "\"]}")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "NaN", "Infinity", "-Infinity", "{\"$numberDouble\":\"Infinity\"}",
            "{\"$numberDecimal\":\"NaN\"}", "{\"$numberDecimal\":\"-Infinity\"}"})
    void numbersMustBeFinite(String number) {
        assertRefused(() -> DocumentJson.parseObject("body", "{\"x\":{\"n\":" + number + "}}"), "body.x.n", "finite");
        assertRefused(() -> DocumentJson.parseObjects("body", "[{},{\"n\":[" + number + "]}]"), "body[1].n[0]", "finite");
    }

    @Test
    void namesMustHaveNoNulAndDataNoOperators() {
        assertRefused(() -> DocumentJson.parseObject("body", "{\"m\":{\"a\\u0000b\":1}}"), "body.m.a\\u0000b", "NUL");
        assertRefused(() -> DocumentJson.parseObject("body", "{\"m\":[{\"$where\":\"1\"}]}"), "body.m[0].$where", "must not start with $");
        assertRefused(() -> DocumentJson.parseObject("body", "{\"s\":\"\\ud800\"}"), "body.s", "lone surrogate");
        assertRefused(() -> DocumentJson.parseObject("body", "{\"s\":{\"$symbol\":\"x\"}}"), "body.s", "deprecated");
        assertRefused(() -> DocumentJson.parseQuery("filter", "{\"s\":{\"$code\":\"x\",\"$scope\":{}}}"), "filter.s", "deprecated");

        assertThat(DocumentJson.parseQuery("filter", "{\"n\":{\"$gte\":1}}").get("n", Document.class)).containsKey("$gte");
        assertThat(DocumentJson.parseObject("body", "{\"a.b\":1,\"e\":\"\\u0000\"}")).hasSize(2);
        assertRefused(() -> DocumentJson.parseObject("body", "{\"r\":{\"$ref\":\"x\",\"$id\":1}}"), "body.r.$ref", "must not start with $");
        assertThat(DocumentJson.parseObject("body", "{\"at\":{\"$date\":\"2026-01-27T10:30:00Z\"}}").get("at"))
                .isInstanceOf(java.util.Date.class);
    }

    @Test
    void bodiesThatAreNotOneObjectAreRefusedWithoutJavaNames() {
        for (String body : new String[] {"[1]", "5", "\"x\"", "{\"a\":1}{\"b\":2}", "{\"a\":", "{\"a\":{\"$date\":\"garbage\"}}",
                "{\"d\":{\"$numberDecimal\":\"abc\"}}", "{\"o\":{\"$oid\":\"zz\"}}", "{\"s\":\"\\uZZZZ\"}", "{'a' 1}"}) {
            assertThatThrownBy(() -> DocumentJson.parseObject("body", body)).as(body)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("body");
                        assertThat(e.reason()).doesNotContain("org.bson", "java.", "Exception", "Decimal128");
                    });
        }
        assertRefused(() -> DocumentJson.parseObjects("body", "[{},2]"), "body[1]", "must be a JSON object");
    }

    @Test
    void bytesMustBeUtf8() {
        assertRefused(() -> DocumentJson.parseObject("body", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}),
                "body", "UTF-8");
        assertThat(DocumentJson.parseObject("body", "{\"a\":\"مرحبا\"}".getBytes(StandardCharsets.UTF_8)).getString("a"))
                .isEqualTo("مرحبا");
    }

    @Test
    void documentsLargerThanMongoDbStoresAreRefused() {
        // 3 bytes of JSON per element, 9-11 of BSON: a body under the 10 MiB limit that MongoDB could not store
        int elements = 2_000_000;
        String ones = "{\"a\":[" + "1,".repeat(elements - 1) + "1]}";
        assertRefused(() -> DocumentJson.parseObject("body", ones), "body", "bytes as BSON");
    }

    @Test
    void aStreamedImportIsCheckedAsItIsRead() throws Exception {
        Reader deep = DocumentJson.bounded(new StringReader("[" + "[".repeat(1_000) + "]".repeat(1_000) + "]"), "file");
        char[] buffer = new char[4096];
        assertThatThrownBy(() -> {
            while (deep.read(buffer) >= 0) {
                // reading is enough
            }
        }).isInstanceOf(InvalidInputException.class).hasMessageContaining("deeper");
        try (Reader fine = DocumentJson.bounded(new StringReader("[{\"a\":1},{\"b\":[2]}]"), "file")) {
            assertThat(fine.read(buffer)).isEqualTo(19);
        }
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).contains(reason);
        });
    }
}
