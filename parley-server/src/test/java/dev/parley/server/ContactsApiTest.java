package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/contacts: linking from the messages API, list/get/patch/erase, bad input, legal holds, and tenancy on every route. */
class ContactsApiTest extends ServerTestSupport {

    private static final String PHONE = "+966501234500";
    private String acme;
    private String beta;

    @BeforeAll
    void people() {
        acme = keyFor("contacts-acme");
        beta = keyFor("contacts-beta");
        for (String key : List.of(acme, beta)) {
            assertThat(postJson("/api/v1/messages", key, "{\"conversation_id\":\"c-1\",\"direction\":\"inbound\",\"sender_id\":\""
                    + PHONE + "\",\"content\":\"hello from quokkafruit\"}").status()).isEqualTo(201);
        }
    }

    private String contactOf(String key, String q) {
        JsonNode found = get("/api/v1/contacts?" + TestHttp.query("q", q), key).json();
        assertThat(found.get("count").asInt()).as(q).isEqualTo(1);
        return found.get("contacts").get(0).get("contact_id").asString();
    }

    @Test
    void theMessagesApiLinksAContactFoundByAnyWritingOfTheNumber() {
        String id = contactOf(acme, "+966 50 123 4500");
        JsonNode contact = get("/api/v1/contacts/" + id, acme).json();
        assertThat(contact.get("identifiers").get(0).get("value").asString()).isEqualTo(PHONE);
        assertThat(contact.get("conversations").get(0).get("conversation_id").asString()).isEqualTo("c-1");
        assertThat(contact.get("first_seen_at_formatted")).isNotNull();
    }

    @Test
    void anotherTenantNeitherSeesNorChangesNorErasesTheContact() {
        String id = contactOf(acme, PHONE);
        String betaId = contactOf(beta, PHONE);
        assertThat(betaId).isNotEqualTo(id);
        assertThat(get("/api/v1/contacts/" + id, beta).status()).isEqualTo(404);
        assertThat(get("/api/v1/contacts?limit=200", beta).body()).doesNotContain(id);
        assertThat(send("PATCH", "/api/v1/contacts/" + id, beta, "application/json", "{\"display_name\":\"taken\"}").status()).isEqualTo(404);
        assertThat(send("PATCH", "/api/v1/contacts/" + betaId, beta, "application/json", "{\"merge\":\"" + id + "\"}").status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/contacts/" + id, beta, null, null).status()).isEqualTo(404);
        assertThat(get("/api/v1/contacts/" + id + "/erasure-report", beta).status()).isEqualTo(404);
        JsonNode still = get("/api/v1/contacts/" + id, acme).json();
        assertThat(still.get("display_name")).isNull();
        assertThat(still.get("identifiers").get(0).get("value").asString()).isEqualTo(PHONE);
    }

    @Test
    void addAnIdentifierThenMergeTwoContacts() {
        assertThat(postJson("/api/v1/messages", acme, "{\"conversation_id\":\"c-mail\",\"direction\":\"inbound\",\"sender_id\":"
                + "\"lina@example.com\",\"content\":\"by mail\"}").status()).isEqualTo(201);
        assertThat(postJson("/api/v1/messages", acme, "{\"conversation_id\":\"c-lina\",\"direction\":\"inbound\",\"sender_id\":"
                + "\"+971500000001\",\"content\":\"by phone\"}").status()).isEqualTo(201);
        String byMail = contactOf(acme, "LINA@example.com");
        String byPhone = contactOf(acme, "+971500000001");

        assertProblemNames(send("PATCH", "/api/v1/contacts/" + byPhone, acme, "application/json",
                "{\"add_identifier\":{\"type\":\"phone\",\"value\":\"not a number\"}}"), "add_identifier.value");
        assertProblemNames(send("PATCH", "/api/v1/contacts/" + byPhone, acme, "application/json", "{\"colour\":\"red\"}"), "colour");
        Reply taken = send("PATCH", "/api/v1/contacts/" + byPhone, acme, "application/json",
                "{\"add_identifier\":{\"type\":\"email\",\"value\":\"lina@example.com\"}}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("detail").asString()).contains(byMail);

        Reply merged = send("PATCH", "/api/v1/contacts/" + byPhone, acme, "application/json",
                "{\"merge\":\"" + byMail + "\",\"display_name\":\"Lina\",\"add_identifier\":{\"type\":\"external_id\",\"value\":\"crm-7\"}}");
        assertThat(merged.status()).isEqualTo(200);
        List<String> identifiers = new ArrayList<>();
        merged.json().get("identifiers").forEach(i -> identifiers.add(i.get("type").asString() + ":" + i.get("value").asString()));
        assertThat(identifiers).containsExactlyInAnyOrder("phone:+971500000001", "email:lina@example.com", "external_id:crm-7");
        assertThat(merged.json().get("conversation_ids").toString()).contains("c-mail", "c-lina");
        assertThat(get("/api/v1/contacts/" + byMail, acme).status()).isEqualTo(404);
        assertThat(contactOf(acme, "lina@example.com")).isEqualTo(byPhone);
        assertThat(contactOf(acme, "lin")).isEqualTo(byPhone);
    }

    @Test
    void anExportIsAJobWhoseArchiveOnlyItsTenantGets() throws Exception {
        String id = contactOf(acme, PHONE);
        Reply started = send("POST", "/api/v1/contacts/" + id + "/exports", acme, null, null);
        assertThat(started.status()).isEqualTo(202);
        String exportId = started.json().get("export_id").asString();
        String status = "/api/v1/contacts/" + id + "/exports/" + exportId;
        JsonNode job = get(status, acme).json();
        for (int i = 0; i < 200 && !job.get("status").asString().equals("done"); i++) {
            Thread.sleep(50);
            job = get(status, acme).json();
        }
        assertThat(job.get("progress").asInt()).isEqualTo(100);
        java.net.http.HttpResponse<byte[]> zip = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + status + "/archive"))
                .header("Authorization", "Bearer " + acme).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        StringBuilder all = new StringBuilder();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                all.append(entry.getName()).append('\n').append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(all).contains("messages.json", "transcripts/c-1.txt", "hello from quokkafruit");
        assertThat(get(status, beta).status()).isEqualTo(404);
        assertThat(get(status + "/archive", beta).status()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/contacts/" + id + "/exports", beta, null, null).status()).isEqualTo(404);
        assertThat(get("/api/v1/contacts/" + id + "/exports/ex_nothing", acme).status()).isEqualTo(404);
    }

    @Test
    void listPagesWithACursor() {
        for (String phone : List.of("+12025550101", "+12025550102")) {
            assertThat(postJson("/api/v1/messages", acme, "{\"conversation_id\":\"c-page\",\"direction\":\"outbound\",\"receiver_id\":\""
                    + phone + "\",\"content\":\"hi\"}").status()).isEqualTo(201);
        }
        JsonNode first = get("/api/v1/contacts?limit=1", acme).json();
        String cursor = first.get("next_cursor").asString();
        JsonNode second = get("/api/v1/contacts?limit=1&cursor=" + cursor, acme).json();
        assertThat(second.get("contacts").get(0).get("contact_id").asString()).isGreaterThan(cursor);
        assertProblemNames(get("/api/v1/contacts?limit=0", acme), "limit");
    }

    @Test
    void erasureIsBlockedByALegalHoldThenErasesOnceAndAnswersTheSameAfter() {
        assertThat(postJson("/api/v1/messages", acme, "{\"conversation_id\":\"c-erase\",\"direction\":\"inbound\",\"sender_id\":"
                + "\"+15550009999\",\"content\":\"erase me pineappleowl\"}").status()).isEqualTo(201);
        String id = contactOf(acme, "+15550009999");
        assertThat(send("PUT", "/api/v1/retention", acme, "application/json",
                "{\"legal_hold\":{\"conversations\":[\"c-erase\"],\"reason\":\"litigation 42\"}}").status()).isEqualTo(200);
        Reply held = send("DELETE", "/api/v1/contacts/" + id, acme, null, null);
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.contentType()).startsWith("application/problem+json");
        assertThat(held.json().get("detail").asString()).contains("litigation 42");
        assertThat(get("/api/v1/contacts/" + id, acme).status()).isEqualTo(200);
        assertThat(get("/api/v1/contacts/" + id + "/erasure-report", acme).status()).isEqualTo(404);
        send("PUT", "/api/v1/retention", acme, "application/json", "{\"legal_hold\":{\"conversations\":[]}}");

        Reply erased = send("DELETE", "/api/v1/contacts/" + id, acme, null, null);
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("report").get("clean").asBoolean()).isTrue();
        assertThat(erased.json().get("already_erased").asBoolean()).isFalse();
        assertThat(erased.body()).doesNotContain("15550009999");
        assertThat(get("/api/v1/contacts/" + id, acme).status()).isEqualTo(404);
        assertThat(get("/api/v1/messages/search?q=pineappleowl", acme).json().get("count").asInt()).isZero();
        Reply again = send("DELETE", "/api/v1/contacts/" + id, acme, null, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("already_erased").asBoolean()).isTrue();
        assertThat(again.json().get("erasure_id").asString()).isEqualTo(erased.json().get("erasure_id").asString());
        JsonNode report = get("/api/v1/contacts/" + id + "/erasure-report", acme).json();
        assertThat(report.get("report").get("collections").size()).isGreaterThan(8);
        assertThat(send("DELETE", "/api/v1/contacts/ct_nobody", acme, null, null).status()).isEqualTo(404);
        assertThat(get("/api/v1/audit-logs/verify", acme).json().get("valid").asBoolean()).isTrue();
        // the erasure itself is audited: who, when, how much; never what
        JsonNode entries = get("/api/v1/audit-logs?resource_id=" + id, acme).json();
        assertThat(entries.toString()).contains("\"resource_type\":\"contact\"").doesNotContain("15550009999");
    }
}
