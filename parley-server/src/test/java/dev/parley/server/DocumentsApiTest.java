package dev.parley.server;

import org.junit.jupiter.api.BeforeAll;
import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentsApiTest extends ServerTestSupport {

    private static final String NOTES = "/api/v1/collections/notes/documents";
    private String acme;
    private String beta;

    @BeforeAll
    void keys() {
        acme = keyFor("acme");
        beta = keyFor("beta");
    }

    /**
     * Issue 23: Extended JSON in comes back as plain JSON (the documented rule), or as relaxed
     * Extended JSON when asked for with Accept: application/ejson, which round-trips the types.
     */
    @Test
    void extendedJsonComesBackPlainUnlessAskedFor() {
        String doc = "{\"_id\":\"ej1\",\"at\":{\"$date\":\"2026-01-27T10:30:00Z\"},\"big\":{\"$numberLong\":\"9007199254740993\"},"
                + "\"ref\":{\"$oid\":\"65a1b2c3d4e5f60718293a4b\"}}";
        assertThat(postJson("/api/v1/collections/ejson/documents", acme, doc).status()).isEqualTo(201);
        Reply plain = get("/api/v1/collections/ejson/documents/ej1", acme);
        assertThat(plain.contentType()).startsWith("application/json");
        assertThat(plain.json().get("at").asString()).isEqualTo("2026-01-27T10:30:00Z");
        assertThat(plain.json().get("ref").asString()).isEqualTo("65a1b2c3d4e5f60718293a4b");
        assertThat(plain.body()).contains("9007199254740993");

        Reply extended = new TestHttp(port).send("GET", "/api/v1/collections/ejson/documents/ej1", acme, null, null,
                java.util.Map.of("Accept", "application/ejson"));
        assertThat(extended.status()).isEqualTo(200);
        assertThat(extended.contentType()).startsWith("application/ejson");
        assertThat(extended.json().get("at").get("$date").asString()).isEqualTo("2026-01-27T10:30:00Z");
        assertThat(extended.json().get("ref").get("$oid").asString()).isEqualTo("65a1b2c3d4e5f60718293a4b");
        Reply list = new TestHttp(port).send("GET", "/api/v1/collections/ejson/documents", acme, null, null,
                java.util.Map.of("Accept", "application/ejson, application/json;q=0.5"));
        assertThat(list.json().get("documents").get(0).get("at").has("$date")).isTrue();

        // what came out goes back in with its types: a date stays a date (a range filter finds it)
        assertThat(postJson("/api/v1/collections/ejson_copy/documents", acme, extended.body()).status()).isEqualTo(201);
        Reply copied = get("/api/v1/collections/ejson_copy/documents?" + query("filter",
                "{\"at\":{\"$gte\":{\"$date\":\"2026-01-01T00:00:00Z\"}}}"), acme);
        assertThat(copied.json().get("count").asInt()).isEqualTo(1);
        // anything else (or nothing) stays plain JSON
        assertThat(new TestHttp(port).send("GET", "/api/v1/collections/ejson/documents/ej1", acme, null, null,
                java.util.Map.of("Accept", "*/*")).json().get("at").isString()).isTrue();
    }

    @Test
    void insertFindUpdateDeleteOverRest() {
        Reply inserted = postJson(NOTES, acme,
                "[{\"_id\":\"n1\",\"title\":\"hello\",\"n\":1},{\"title\":\"world\",\"n\":2,\"at\":{\"$date\":\"2026-01-27T10:30:00Z\"}}]");
        assertThat(inserted.status()).isEqualTo(201);
        assertThat(inserted.json().get("inserted_count").asInt()).isEqualTo(2);
        assertThat(inserted.json().get("inserted_ids").get(0).asString()).isEqualTo("n1");

        Reply found = get(NOTES + "?" + query("filter", "{\"n\":{\"$gte\":1}}") + "&sort=-n&limit=10", acme);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("count").asInt()).isEqualTo(2);
        assertThat(found.json().get("documents").get(0).get("title").asString()).isEqualTo("world");
        assertThat(found.json().get("documents").get(0).get("at").asString()).isEqualTo("2026-01-27T10:30:00Z");

        Reply projected = get(NOTES + "?" + query("filter", "{\"_id\":\"n1\"}") + "&fields=title", acme);
        assertThat(projected.json().get("documents").get(0).has("n")).isFalse();
        assertThat(projected.json().get("documents").get(0).get("title").asString()).isEqualTo("hello");

        Reply updated = send("PATCH", NOTES, acme, "application/json",
                "{\"filter\":{\"_id\":\"n1\"},\"update\":{\"$set\":{\"title\":\"hi\"}}}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("modified_count").asInt()).isEqualTo(1);
        assertThat(get(NOTES + "/n1", acme).json().get("title").asString()).isEqualTo("hi");

        Reply deleted = send("DELETE", NOTES + "?" + query("filter", "{\"n\":2}"), acme, null, null);
        assertThat(deleted.json().get("deleted_count").asInt()).isEqualTo(1);
        assertThat(get(NOTES, acme).json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void tenantACannotReadUpdateOrDeleteTenantBsDocumentsByAnyFilter() {
        String coll = "/api/v1/collections/private/documents";
        assertThat(postJson(coll, beta, "{\"_id\":\"b-secret\",\"owner\":\"beta\"}").status()).isEqualTo(201);

        for (String filter : new String[] {"{}", "{\"_id\":\"b-secret\"}", "{\"organization_id\":\"beta\"}",
                "{\"owner\":\"beta\"}", "{\"_id\":\"beta|b-secret\"}", "{\"$or\":[{\"organization_id\":\"beta\"},{}]}",
                "{\"_id\":{\"$in\":[\"b-secret\",\"beta|b-secret\"]}}"}) {
            Reply read = get(coll + "?" + query("filter", filter), acme);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("count").asInt()).as("read with " + filter).isZero();

            Reply update = send("PATCH", coll, acme, "application/json",
                    "{\"filter\":" + filter + ",\"update\":{\"$set\":{\"owner\":\"acme\"}}}");
            assertThat(update.json().get("matched_count").asInt()).as("update with " + filter).isZero();

            Reply delete = send("DELETE", coll + "?" + query("filter", filter), acme, null, null);
            assertThat(delete.json().get("deleted_count").asInt()).as("delete with " + filter).isZero();
        }
        assertThat(get(coll + "/b-secret", acme).status()).isEqualTo(404);

        Reply claim = postJson(coll, acme, "{\"organization_id\":\"beta\",\"owner\":\"acme\"}");
        assertThat(claim.status()).isEqualTo(400);
        assertThat(claim.json().get("field").asString()).isEqualTo("document.organization_id");
        Reply move = send("PATCH", coll, acme, "application/json",
                "{\"filter\":{},\"update\":{\"$set\":{\"organization_id\":\"beta\"}}}");
        assertThat(move.status()).isEqualTo(400);

        Reply owner = get(coll + "/b-secret", beta);
        assertThat(owner.status()).isEqualTo(200);
        assertThat(owner.json().get("owner").asString()).isEqualTo("beta");
        assertThat(get(coll, beta).json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void codeRunningOperatorsAreRefusedWith400() {
        Reply where = get(NOTES + "?" + query("filter", "{\"$where\":\"this.n > 1\"}"), acme);
        assertThat(where.status()).isEqualTo(400);
        assertThat(where.contentType()).startsWith("application/problem+json");
        assertThat(where.json().get("field").asString()).isEqualTo("filter");
        assertThat(where.json().get("detail").asString()).contains("$where");

        Reply function = send("PATCH", NOTES, acme, "application/json",
                "{\"filter\":{\"$expr\":{\"$function\":{\"body\":\"x\",\"args\":[],\"lang\":\"js\"}}},\"update\":{\"$set\":{\"a\":1}}}");
        assertThat(function.status()).isEqualTo(400);
    }

    @Test
    void badCollectionNamesAndLimitsAre400() {
        Reply name = get("/api/v1/collections/bad%20name/documents", acme);
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.json().get("field").asString()).isEqualTo("collection");

        assertThat(get(NOTES + "?limit=0", acme).status()).isEqualTo(400);
        assertThat(get(NOTES + "?limit=abc", acme).json().get("field").asString()).isEqualTo("limit");
        assertThat(get(NOTES + "?" + query("filter", "{not json"), acme).json().get("field").asString()).isEqualTo("filter");
    }
}
