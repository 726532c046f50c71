package dev.parley.contacts;

import dev.parley.Parley;
import dev.parley.StoreAccess;
import dev.parley.backup.Restored;
import dev.parley.TenantScope;
import dev.parley.documents.DocumentJson;
import dev.parley.messages.MessageSearchFilters;
import dev.parley.testing.PersonTraces;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.parley.testing.PersonTraces.inbound;
import static dev.parley.testing.PersonTraces.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, backups: a restore re-applies the erasure log. A tenant is backed up with a person
 * reached by webhooks, the messages API, statuses, an audit entry and an event; the person is
 * erased after the backup; each restore (plain, with --drop, into another tenant, under a legal
 * hold) brings them back and must erase them again through the erasure path, keep every erasure
 * record, and leave the other contact and the other tenant's same number alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureReapplyTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @TempDir
    static Path backup;

    private static final String A = "er-alpha";
    private static final String B = "er-beta";
    private static final String COPY = "er-copy";
    private static final String PHONE = "966502223344";
    private static final String NAME = "Yusra Hadiqani";
    private static final String WORD = "wombatlace";
    private static final String OTHER_PHONE = "966507776655";
    private static final String OTHER_WORD = "heronquill";
    private static final String EARLIER_PHONE = "966504445566";

    private Parley p;
    private String person;
    private String erasure;
    private String earlier;

    /** The person and another contact in tenant A, the person's number in tenant B; one person erased before the backup. */
    @BeforeAll
    void backupThenErasure() {
        p = parley.get();
        p.tenants().create(A, null, "Asia/Riyadh");
        p.tenants().create(B, null, "Asia/Riyadh");
        p.tenants().create(COPY, null, "Asia/Riyadh");
        p.channels().registerWhatsApp(A, "pn-er-a", new Document("app_secret", "secret-a").append("verify_token", "verify-a")
                .append("display_phone_number", "15550001111"));
        p.channels().registerWhatsApp(B, "pn-er-b", new Document("app_secret", "secret-b").append("verify_token", "verify-b")
                .append("display_phone_number", "15550002222"));
        TenantScope a = p.tenant(A);
        PersonTraces.webhook(p, "pn-er-a", "secret-a", inbound("wamid.er-in-1", PHONE, NAME, "a question about " + WORD));
        a.messages().log(new Document("message_id", "wamid.er-out-1").append("conversation_id", PHONE).append("direction", "outbound")
                .append("receiver_id", "+" + PHONE).append("content", "our answer on " + WORD).append("contact_wa_id", PHONE));
        for (String status : List.of("sent", "delivered", "read")) {
            PersonTraces.webhook(p, "pn-er-a", "secret-a", status("wamid.er-out-1", PHONE, status));
        }
        a.messages().log(new Document("conversation_id", "api-yh").append("direction", "inbound").append("sender_id", "+" + PHONE)
                .append("content", "api " + WORD + " note"));
        a.audit().log(new Document("user_id", "+" + PHONE).append("action", "view").append("resource_type", "customer")
                .append("resource_id", "cust-yh").append("changes", new Document("after", new Document("name", NAME))));
        a.events().append(new Document("aggregate_type", "customer").append("aggregate_id", "cust-yh").append("event_type", "updated")
                .append("event_data", new Document("phone", "+" + PHONE).append("name", NAME)));
        PersonTraces.webhook(p, "pn-er-a", "secret-a", inbound("wamid.er-other-1", OTHER_PHONE, "Someone Else", "a " + OTHER_WORD));
        PersonTraces.webhook(p, "pn-er-a", "secret-a", inbound("wamid.er-earlier-1", EARLIER_PHONE, "Early Bird", "erase me first"));
        PersonTraces.webhook(p, "pn-er-b", "secret-b", inbound("wamid.er-b-1", PHONE, NAME, "in beta, " + WORD));
        earlier = a.contacts().list(EARLIER_PHONE, 10, null).get(0).getString("contact_id");
        a.contactErasure().erase(earlier); // the backup holds this erasure's record: an older erasure log

        p.backup(backup, A, null, false, (collection, n) -> { });

        person = a.contacts().list(PHONE, 10, null).get(0).getString("contact_id");
        erasure = a.contactErasure().erase(person).getString("erasure_id");
        assertThat(naming(A)).isEmpty();
    }

    @Test
    @Order(1)
    void aPlainRestoreErasesThePersonAgainAndKeepsEveryRecord() {
        Restored restored = p.restore(backup, A, false, null, (c, n) -> { });

        assertThat(restored.erasures()).containsOnlyKeys(A);
        assertThat(restored.erasures().get(A).erased()).singleElement().satisfies(again -> {
            assertThat(again.getString("contact_id")).isEqualTo(person);
            assertThat(again.getString("reapplies")).isEqualTo(erasure);
            assertThat(again.getBoolean("clean")).isTrue();
            assertThat(again.get("documents", Number.class).longValue()).as("the backup brought their documents back").isPositive();
        });
        assertThat(restored.blocked()).isZero();
        erasedEverywhere(A);
        assertThat(p.tenant(A).contactErasure().report(person).getList("reapplied", Document.class)).hasSize(1);
        assertThat(p.tenant(A).audit().resourceHistory(backup.getFileName().toString(), 5)).first()
                .satisfies(entry -> assertThat(entry.get("changes", Document.class).get("after", Document.class)
                        .getInteger("erasures_reapplied")).isEqualTo(1));
    }

    @Test
    @Order(2)
    void reapplyingAgainChangesNothing() {
        Map<String, String> before = snapshot(A);

        ErasureReapply.Outcome again = p.tenant(A).contactErasure().reapply();

        assertThat(again.erased()).isEmpty();
        assertThat(again.blocked()).isEmpty();
        assertThat(snapshot(A)).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aRestoreWithDropKeepsTheNewerErasureLogAndErasesAgain() {
        Restored restored = p.restore(backup, A, true, null, (c, n) -> { });

        assertThat(restored.erasures().get(A).erased()).extracting(d -> d.getString("contact_id")).containsExactly(person);
        erasedEverywhere(A);
        // the backup's log held only the earlier erasure: the database's newer record survived the drop
        assertThat(PersonTraces.documents(p, A, ContactBook.ERASURES)).extracting(d -> d.getString("contact_id"))
                .containsExactlyInAnyOrder(person, earlier);
        assertThat(p.tenant(A).contactErasure().report(person).getList("reapplied", Document.class)).hasSize(2);
        assertThat(p.tenant(A).contactErasure().reapply().erased()).isEmpty();
    }

    @Test
    @Order(4)
    void aLegalHoldKeepsTheErasureFromBeingReappliedAndSaysSoUntilItIsLifted() {
        p.retention().update(A, new Document("legal_hold", new Document("tenant", true).append("reason", "case 12")));

        Restored restored = p.restore(backup, A, false, null, (c, n) -> { });

        assertThat(restored.erasedAgain()).isZero();
        assertThat(restored.erasures().get(A).blocked()).singleElement().satisfies(held -> {
            assertThat(held.getString("contact_id")).isEqualTo(person);
            assertThat(held.getString("reapplies")).isEqualTo(erasure);
            assertThat(held.getString("reason")).contains("legal hold").contains("case 12");
        });
        assertThat(p.tenant(A).contacts().list(PHONE, 10, null)).hasSize(1); // restored, and held
        assertThat(p.tenant(A).contactErasure().reapply().blocked()).hasSize(1);

        p.retention().update(A, new Document("legal_hold", new Document("tenant", false)));
        assertThat(p.tenant(A).contactErasure().reapply().erased()).extracting(d -> d.getString("contact_id")).containsExactly(person);
        erasedEverywhere(A);
    }

    @Test
    @Order(5)
    void intoAnotherTenantTheSourcesErasuresApplyToWhatCameFromItsBackupAndTheTargetsToAll() {
        Restored restored = p.restore(backup, A, false, COPY, (c, n) -> { });

        assertThat(restored.erasures()).containsOnlyKeys(COPY);
        assertThat(restored.erasures().get(COPY).erased()).singleElement().satisfies(again -> {
            assertThat(again.getString("contact_id")).isEqualTo(person);
            assertThat(again.getString("reapplies")).isEqualTo(erasure);
        });
        erasedEverywhere(COPY);
        // the source's log is its own: not copied; the copy records its own erasure of what came in
        assertThat(PersonTraces.documents(p, COPY, ContactBook.ERASURES)).singleElement()
                .satisfies(record -> assertThat(record.getString("reapplied_from")).isEqualTo(erasure));

        Restored again = p.restore(backup, A, true, COPY, (c, n) -> { });
        assertThat(again.erasures().get(COPY).erased()).extracting(d -> d.getString("contact_id")).containsExactly(person);
        erasedEverywhere(COPY);
        assertThat(naming(A)).isEmpty();
    }

    @Test
    @Order(6)
    void aPersonWhoCameBackAfterTheErasureIsNotErasedAgain() {
        TenantScope a = p.tenant(A);
        a.messages().log(new Document("conversation_id", "back-1").append("direction", "inbound").append("sender_id", "+" + PHONE)
                .append("content", "it is me again"));
        assertThat(a.contacts().list(PHONE, 10, null)).hasSize(1);

        assertThat(a.contactErasure().reapply().erased()).isEmpty();

        assertThat(a.contacts().list(PHONE, 10, null)).singleElement()
                .satisfies(back -> assertThat(back.getString("contact_id")).isNotEqualTo(person));
        assertThat(a.messages().search("again", MessageSearchFilters.NONE, 10, null).messages()).hasSize(1);
    }

    /** Nothing names the person any more; the audit chain verifies; their erasure's record is there; the others are untouched. */
    private void erasedEverywhere(String tenant) {
        TenantScope t = p.tenant(tenant);
        assertThat(naming(tenant)).isEmpty();
        Document verified = t.audit().verify();
        assertThat(verified.getBoolean("valid")).as(verified.toJson()).isTrue();
        assertThat(t.contactErasure().report(person).getString("contact_id")).isEqualTo(person);
        assertThat(t.contacts().list(PHONE, 10, null)).isEmpty();
        assertThat(t.messages().search(WORD, MessageSearchFilters.NONE, 10, null).messages()).isEmpty();
        assertThat(t.contacts().list(OTHER_PHONE, 10, null)).hasSize(1);
        assertThat(t.messages().search(OTHER_WORD, MessageSearchFilters.NONE, 10, null).messages()).hasSize(1);
        assertThat(p.tenant(B).contacts().list(PHONE, 10, null)).hasSize(1);
        assertThat(p.tenant(B).messages().search(WORD, MessageSearchFilters.NONE, 10, null).messages()).hasSize(1);
        assertThat(DocumentJson.write(PersonTraces.documents(p, B, "messages"))).contains(PHONE);
    }

    private List<String> naming(String tenant) {
        return PersonTraces.naming(p, tenant, PHONE, "yusra", "hadiqani", WORD, EARLIER_PHONE, "early bird");
    }

    /** Every document of every collection of the tenant, as JSON, by collection. */
    private Map<String, String> snapshot(String tenant) {
        Map<String, String> all = new TreeMap<>();
        for (String collection : StoreAccess.of(p).collectionNames()) {
            all.put(collection, DocumentJson.write(PersonTraces.documents(p, tenant, collection)));
        }
        return all;
    }
}
