package dev.parley.contacts;

import dev.parley.ConflictException;
import dev.parley.NotFoundException;
import dev.parley.Parley;
import dev.parley.StoreAccess;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.imports.ImportFormat;
import dev.parley.imports.ImportRequest;
import dev.parley.messages.MessageSearchFilters;
import dev.parley.testing.PersonTraces;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

import static dev.parley.testing.PersonTraces.inbound;
import static dev.parley.testing.PersonTraces.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A person reached through WhatsApp webhooks, a chat-export import and the messages API, with
 * statuses, search entries, custom fields, audit entries and events: linked to one contact, then
 * erased, after which no document of the tenant, in any collection, names them or holds their words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactErasureTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static final String A = "ce-alpha";
    private static final String B = "ce-beta";
    private static final String PHONE = "966501112233";
    private static final String NAME = "Zubaida Qarawi";
    private static final String WORD = "quokkaberry";
    private static final String OTHER_PHONE = "966509998877";
    private static final String OTHER_WORD = "pelicanmoss";

    private Parley p;

    @BeforeAll
    void people() {
        p = parley.get();
        p.tenants().create(A, null, "Asia/Riyadh");
        p.tenants().create(B, null, "Asia/Riyadh");
        p.channels().registerWhatsApp(A, "pn-ce-a", new Document("app_secret", "secret-a").append("verify_token", "verify-a")
                .append("display_phone_number", "15550001111"));
        p.channels().registerWhatsApp(B, "pn-ce-b", new Document("app_secret", "secret-b").append("verify_token", "verify-b")
                .append("display_phone_number", "15550002222"));
        TenantScope a = p.tenant(A);

        webhook("pn-ce-a", "secret-a", inbound("wamid.in-1", PHONE, NAME, "hello about the " + WORD));
        a.messages().log(new Document("message_id", "wamid.out-1").append("conversation_id", PHONE).append("direction", "outbound")
                .append("receiver_id", "+" + PHONE).append("content", "our reply on " + WORD).append("contact_wa_id", PHONE));
        for (String status : List.of("sent", "delivered", "read")) {
            webhook("pn-ce-a", "secret-a", status("wamid.out-1", PHONE, status));
        }
        p.channels().registerTwilio(A, "ACce", new Document("auth_token", "twilio-token"));
        java.util.Map<String, String> callback = new java.util.TreeMap<>(java.util.Map.of("AccountSid", "ACce", "MessageSid", "SMce1",
                "MessageStatus", "delivered", "To", "whatsapp:+" + PHONE, "From", "whatsapp:+15550001111"));
        String form = String.join("&", callback.entrySet().stream().map(e -> e.getKey() + "="
                + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
        assertThat(p.twilioWebhook().receive("https://parley.test/webhooks/twilio", callback, form,
                twilioSignature("https://parley.test/webhooks/twilio", callback, "twilio-token")).status()).isEqualTo(200);
        a.imports().run(new ByteArrayInputStream(("01/02/2026, 10:00 - +966 50 111 2233: my " + WORD + " question\n"
                        + "01/02/2026, 10:05 - Agent: answered\n").getBytes(StandardCharsets.UTF_8)),
                new ImportRequest(ImportFormat.WHATSAPP_EXPORT, "chat.txt", "whatsapp", "production", null, null,
                        "export-zq", null, "Agent", null, false), progress -> { });
        a.messages().log(new Document("conversation_id", "api-zq").append("direction", "inbound").append("sender_id", "+" + PHONE)
                .append("content", "api " + WORD + " note، شكراً جزيلاً"));
        a.conversations().update(PHONE, new Document("metadata", new Document("custom_fields",
                new Document("customer_name", NAME).append("interest", WORD + " plans"))));
        a.audit().log(new Document("user_id", "+" + PHONE).append("action", "view").append("resource_type", "customer")
                .append("resource_id", "cust-1").append("changes", new Document("after", new Document("name", NAME))));
        a.events().append(new Document("aggregate_type", "customer").append("aggregate_id", "cust-1").append("event_type", "updated")
                .append("event_data", new Document("phone", "+" + PHONE).append("name", NAME)));

        webhook("pn-ce-a", "secret-a", inbound("wamid.other-1", OTHER_PHONE, "Someone Else", "a " + OTHER_WORD + " here"));
        webhook("pn-ce-b", "secret-b", inbound("wamid.b-1", PHONE, NAME, "in beta, " + WORD));
    }

    @Test
    @Order(1)
    void everyIntakeLinksToOneContactPerTenant() {
        Contacts contacts = p.tenant(A).contacts();
        List<Document> found = contacts.list("+966 50 111 2233", 10, null);
        assertThat(found).hasSize(1);
        Document contact = contacts.get(found.get(0).getString("contact_id"));
        assertThat(contact.getString("display_name")).isEqualTo(NAME);
        assertThat(contact.getList("conversation_ids", String.class)).containsExactlyInAnyOrder(PHONE, "export-zq", "api-zq");
        assertThat(contact.getList("identifiers", Document.class)).containsExactly(new Document("type", "phone").append("value", "+" + PHONE));
        assertThat(contact.getList("conversations", Document.class)).extracting(c -> c.getString("conversation_id"))
                .containsExactlyInAnyOrder(PHONE, "export-zq", "api-zq");
        assertThat(contacts.list("zubaida", 10, null)).extracting(c -> c.getString("contact_id")).containsExactly(contact.getString("contact_id"));

        List<Document> beta = p.tenant(B).contacts().list(PHONE, 10, null);
        assertThat(beta).hasSize(1);
        assertThat(beta.get(0).getString("contact_id")).isNotEqualTo(contact.getString("contact_id"));
        assertThat(p.tenant(B).contacts().get(beta.get(0).getString("contact_id")).getList("conversation_ids", String.class))
                .containsExactly(PHONE);
        assertThatThrownBy(() -> p.tenant(B).contacts().get(contact.getString("contact_id"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    @Order(2)
    void theExportHoldsEverythingAboutThemAndNothingOfAnyoneElse() throws Exception {
        TenantScope a = p.tenant(A);
        String contactId = a.contacts().list(PHONE, 10, null).get(0).getString("contact_id");
        ContactExport export = a.contactExport();
        String exportId = export.start(contactId).getString("export_id");
        Document status = export.status(contactId, exportId);
        for (int i = 0; i < 200 && !"done".equals(status.getString("status")); i++) {
            Thread.sleep(50);
            status = export.status(contactId, exportId);
        }
        assertThat(status.getString("status")).isEqualTo("done");
        assertThat(status.getInteger("progress")).isEqualTo(100);
        java.util.Map<String, String> entries = new java.util.TreeMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(export.archive(contactId, exportId)))) {
            for (java.util.zip.ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.keySet()).contains("messages.json", "conversations.json", "raw_webhooks.json", "events.json",
                "audit_logs.json", "contacts.json", "transcripts/" + PHONE + ".txt", "transcripts/export-zq.txt", "transcripts/api-zq.txt");
        List<Document> messages = DocumentJson.parseObjects("messages", entries.get("messages.json"));
        assertThat(messages).extracting(m -> m.getString("conversation_id")).containsOnly(PHONE, "export-zq", "api-zq");
        assertThat(messages).hasSize(6); // the Twilio status made a status-only message in their WhatsApp conversation
        assertThat(entries.get("raw_webhooks.json")).contains("SMce1");
        assertThat(messages).filteredOn(m -> "wamid.out-1".equals(m.getString("message_id"))).singleElement()
                .satisfies(m -> assertThat(m.getList("status_history", Document.class)).hasSize(3));
        assertThat(entries.get("raw_webhooks.json")).contains(WORD);
        assertThat(entries.get("audit_logs.json")).contains(NAME);
        assertThat(entries.get("events.json")).contains(NAME);
        assertThat(entries.get("conversations.json")).contains(WORD + " plans");
        assertThat(entries.get("transcripts/" + PHONE + ".txt")).contains("01/01/2026, 13:00 - " + NAME + ": hello about the " + WORD);
        assertThat(entries.get("transcripts/api-zq.txt")).contains("شكراً جزيلاً");
        String all = String.join("\n", entries.values());
        assertThat(all).doesNotContain(OTHER_WORD).doesNotContain(OTHER_PHONE).doesNotContain("in beta").doesNotContain(B);
        assertThatThrownBy(() -> p.tenant(B).contactExport().status(contactId, exportId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> a.contactExport().start("ct_nobody")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @Order(3)
    void erasureLeavesNothingThatNamesThemAndKeepsTheCounts() throws Exception {
        TenantScope a = p.tenant(A);
        String contactId = a.contacts().list(PHONE, 10, null).get(0).getString("contact_id");
        assertThat(a.messages().search(WORD, MessageSearchFilters.NONE, 50, null).messages()).hasSize(4);
        Document funnelBefore = a.analytics().messaging(730, ZoneId.of("Asia/Riyadh"));
        funnelBefore.remove("to");
        List<Document> rollupsBefore = counts(documents(A, "analytics_rollups"));
        assertThat(walk(A)).isNotEmpty(); // the walk sees them before

        p.retention().update(A, new Document("legal_hold", new Document("conversations", List.of("export-zq")).append("reason", "case 7")));
        assertThatThrownBy(() -> a.contactErasure().erase(contactId)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("export-zq").hasMessageContaining("case 7");
        p.retention().update(A, new Document("legal_hold", new Document("conversations", List.of()).append("tenant", true)));
        assertThatThrownBy(() -> a.contactErasure().erase(contactId)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("tenant is under legal hold");
        p.retention().update(A, new Document("legal_hold", new Document("tenant", false)));
        assertThat(a.contacts().get(contactId).getString("display_name")).isEqualTo(NAME); // nothing erased while held

        Document record = a.contactErasure().erase(contactId);

        assertThat(record.getBoolean("already_erased")).isFalse();
        Document report = record.get("report", Document.class);
        assertThat(report.getBoolean("clean")).isTrue();
        assertThat(report.getList("collections", Document.class)).extracting(c -> c.getString("collection"))
                .contains("messages", "conversation_pages", "conversations", "raw_webhooks", "events", "audit_logs", "contacts");
        assertThat(walk(A)).isEmpty();
        assertThat(java.nio.file.Files.list(StoreAccess.of(p).config().dataDir().resolve("exports").resolve(A)).toList())
                .as("export archives go with the person").isEmpty();
        assertThat(a.messages().search(WORD, MessageSearchFilters.NONE, 50, null).messages()).isEmpty();
        assertThat(a.messages().search(PHONE, MessageSearchFilters.NONE, 50, null).messages()).isEmpty();
        assertThat(a.conversations().search(WORD, 10, null).hits()).isEmpty();
        assertThat(a.contacts().list(PHONE, 10, null)).isEmpty();
        assertThat(a.contacts().list("zubaida", 10, null)).isEmpty();
        assertThat(a.audit().verify().getBoolean("valid")).isTrue();
        Document funnelAfter = a.analytics().messaging(730, ZoneId.of("Asia/Riyadh"));
        funnelAfter.remove("to");
        assertThat(funnelAfter).isEqualTo(funnelBefore);
        assertThat(counts(documents(A, "analytics_rollups"))).isEqualTo(rollupsBefore);
        // the delivery facts stay, keyed by a random id
        assertThat(documents(A, "messages")).anySatisfy(m -> {
            assertThat(m.getString("message_id")).startsWith("erased-");
            assertThat(m.getString("status")).isEqualTo("read");
            assertThat(m).doesNotContainKey("content");
        });
        // the other person of the tenant, and the other tenant's same number, are untouched
        assertThat(a.messages().search(OTHER_WORD, MessageSearchFilters.NONE, 10, null).messages()).hasSize(1);
        assertThat(a.contacts().list(OTHER_PHONE, 10, null)).hasSize(1);
        assertThat(p.tenant(B).messages().search(WORD, MessageSearchFilters.NONE, 10, null).messages()).hasSize(1);
        assertThat(p.tenant(B).contacts().list(PHONE, 10, null)).hasSize(1);
        assertThat(DocumentJson.write(documents(B, "messages"))).contains(PHONE);

        Document again = a.contactErasure().erase(contactId);
        assertThat(again.getBoolean("already_erased")).isTrue();
        assertThat(again.getString("erasure_id")).isEqualTo(record.getString("erasure_id"));
        assertThat(a.contactErasure().report(contactId).getString("erasure_id")).isEqualTo(record.getString("erasure_id"));
        assertThatThrownBy(() -> a.contactErasure().erase("ct_nobody")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> p.tenant(B).contactErasure().report(contactId)).isInstanceOf(NotFoundException.class);
    }

    /** Every document of every collection of the tenant that still names the person or holds their words. */
    private List<String> walk(String tenant) {
        return PersonTraces.naming(p, tenant, PHONE, "zubaida", "qarawi", "quokkaberr");
    }

    private List<Document> documents(String tenant, String collection) {
        return PersonTraces.documents(p, tenant, collection);
    }

    private void webhook(String phoneNumberId, String secret, Document value) {
        PersonTraces.webhook(p, phoneNumberId, secret, value);
    }

    /** Rollups without their expiry (the legal hold set and lifted above changes it, never a count). */
    private static List<Document> counts(List<Document> rollups) {
        rollups.forEach(rollup -> rollup.remove("expire_at"));
        return rollups;
    }

    private static String twilioSignature(String url, java.util.Map<String, String> params, String token) {
        StringBuilder data = new StringBuilder(url);
        new java.util.TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
