package dev.parley.audit;

import dev.parley.InvalidInputException;
import dev.parley.store.ScopedCollection;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 000's audit log as a hash chain: shape, queries, concurrency, and tampering found. */
class AuditTrailTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @BeforeAll
    static void indexes() {
        parley.get().initDb();
    }

    private static AuditTrail trail(String tenant) {
        return parley.get().tenant(tenant).audit();
    }

    private static ScopedCollection stored(String tenant) {
        return parley.store().scoped(tenant, AuditWriter.LOGS);
    }

    private static Document action(String user, String resource) {
        return new Document("user_id", user).append("action", "execute").append("resource_type", "campaign")
                .append("resource_id", resource)
                .append("changes", new Document("before", new Document("status", "draft")).append("after", new Document("status", "executed")))
                .append("ip_address", "192.168.1.1");
    }

    private static List<Document> appendSome(String tenant, int n) {
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            written.add(trail(tenant).log(action("user-" + (i % 2), "campaign-" + (i % 3))));
        }
        return written;
    }

    @Test
    void logsSeed000sShapeChainedAndQueryable() {
        List<Document> written = appendSome("au-shape", 6);
        Document first = written.get(0);
        assertThat(first.getLong("seq")).isEqualTo(1);
        assertThat(first.getString("prev_hash")).isNull();
        assertThat(written.get(1).getString("prev_hash")).isEqualTo(first.getString("hash"));
        assertThat(first.getString("hash")).hasSize(64);
        assertThat(first.get("changes", Document.class).get("after", Document.class).getString("status")).isEqualTo("executed");
        AuditTrail trail = trail("au-shape");
        assertThat(trail.userActivity("user-0", 7, 100)).hasSize(3)
                .extracting(d -> d.getLong("seq")).containsExactly(5L, 3L, 1L);
        assertThat(trail.resourceHistory("campaign-1", 50)).extracting(d -> d.getLong("seq")).containsExactly(5L, 2L);
        assertThat(trail.find(new Document("action", "execute"), null, null, 4L, 2)).extracting(d -> d.getLong("seq"))
                .containsExactly(3L, 2L);
        assertThat(trail.verify().getBoolean("valid")).isTrue();
        assertThat(trail.verify().getLong("checked")).isEqualTo(6);
    }

    @Test
    void eightThreadsAppendingAThousandEachLeaveAGapFreeChain() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 1_000; i++) {
                    trail("au-race").log(action("user-" + thread, "r-" + i));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        Document report = trail("au-race").verify();
        assertThat(report.getBoolean("valid")).as(report.toJson()).isTrue();
        assertThat(report.getLong("checked")).isEqualTo(8_000);
        assertThat(stored("au-race").count(new Document())).isEqualTo(8_000);
    }

    @Test
    void anEditedEntryIsFound() {
        appendSome("au-edit", 5);
        stored("au-edit").updateByKey(AuditChain.localId(3), new Document("$set", new Document("user_id", "someone-else")), false);
        assertBroken("au-edit", 3, "changed after it was written");
    }

    @Test
    void aDeletedEntryIsFound() {
        appendSome("au-delete", 5);
        stored("au-delete").deleteMany(new Document("seq", 2L));
        assertBroken("au-delete", 2, "missing");
    }

    @Test
    void aDeletedLastEntryIsFoundByTheHeadLeftBehind() {
        appendSome("au-tail", 3);
        stored("au-tail").deleteMany(new Document("seq", 3L));
        assertBroken("au-tail", 3, "missing");
    }

    @Test
    void aReorderedPairIsFound() {
        appendSome("au-swap", 5);
        ScopedCollection logs = stored("au-swap");
        Document third = logs.get(AuditChain.localId(3)).orElseThrow();
        Document fourth = logs.get(AuditChain.localId(4)).orElseThrow();
        setSeq(logs, 4, -4L); // the unique (organization_id, seq) index makes a tamperer go round it
        logs.updateByKey(AuditChain.localId(3), new Document("$set", content(fourth)), false);
        logs.updateByKey(AuditChain.localId(4), new Document("$set", content(third)), false);
        assertBroken("au-swap", 3, "out of place");
        // renumbered too, so each document claims its new place: the links give it away
        setSeq(logs, 4, -4L);
        setSeq(logs, 3, 3L);
        setSeq(logs, 4, 4L);
        assertBroken("au-swap", 3, "not linked");
    }

    /** A long chain is checked in parts by several threads; a break at a part's edge is found like any other. */
    @Test
    void breaksAtTheEdgesOfPartsAreFound() {
        appendSome("au-parts", 60); // in parts of 10: 1, 11, 21, 31, 41, 51
        Document whole = trail("au-parts").verify(10);
        assertThat(whole.getBoolean("valid")).isTrue();
        assertThat(whole.getLong("checked")).isEqualTo(60);
        ScopedCollection logs = stored("au-parts");
        Document entry41 = logs.get(AuditChain.localId(41)).orElseThrow();
        logs.updateByKey(AuditChain.localId(41), new Document("$set", new Document("prev_hash", "0".repeat(64))), false);
        assertBrokenInParts("au-parts", 41, "not linked to entry 40");
        logs.updateByKey(AuditChain.localId(41), new Document("$set", new Document("prev_hash", entry41.getString("prev_hash"))), false);
        logs.updateByKey(AuditChain.localId(50), new Document("$set", new Document("user_id", "someone-else")), false);
        assertBrokenInParts("au-parts", 50, "changed after it was written");
        logs.deleteMany(new Document("seq", 31L));
        assertBrokenInParts("au-parts", 31, "missing");
        logs.deleteMany(new Document("seq", 20L));
        assertBrokenInParts("au-parts", 20, "missing");
        assertThat(trail("au-parts").verify(10).getLong("entries")).isEqualTo(60);
    }

    @Test
    void aDeletedLastEntryIsFoundWhenReadInParts() {
        appendSome("au-parts-tail", 40);
        stored("au-parts-tail").deleteMany(new Document("seq", 40L));
        assertBrokenInParts("au-parts-tail", 40, "missing");
    }

    @Test
    void parleysOwnTenantKeyAndChannelChangesAreAuditedWithoutSecrets() {
        var issued = parley.get().tenants().create("au-self", "Self", "Asia/Riyadh");
        parley.get().tenants().rotateKey("au-self", true);
        parley.get().channels().registerWhatsApp("au-self", "5550001",
                new Document("app_secret", "very-secret-app").append("verify_token", "very-secret-token"));
        parley.get().channels().delete("au-self", "whatsapp", "5550001");
        List<Document> entries = trail("au-self").find(new Document("user_id", SystemAudit.ACTOR), null, null, null, 100);
        assertThat(entries).extracting(e -> e.getString("action") + " " + e.getString("resource_type")).containsExactly(
                "delete channel", "update channel", "create api_key", "delete api_key", "create api_key", "create tenant");
        assertThat(entries.get(5).get("changes", Document.class).get("after", Document.class).getString("timezone"))
                .isEqualTo("Asia/Riyadh");
        assertThat(entries.toString()).doesNotContain("very-secret").doesNotContain(issued.apiKey());
        assertThat(trail("au-self").verify().getBoolean("valid")).isTrue();
    }

    @Test
    void badInputNamesTheField() {
        AuditTrail trail = trail("au-bad");
        assertField(() -> trail.log(new Document("action", "execute").append("resource_type", "campaign")), "user_id");
        assertField(() -> trail.log(action("u", "r").append("action", "explode")), "action");
        assertField(() -> trail.log(new Document("user_id", "u").append("action", "view")), "resource_type");
        assertField(() -> trail.log(action("u", "r").append("changes", new Document("during", 1))), "changes");
        assertField(() -> trail.log(action("u", "r").append("created_at", "2020-01-01T00:00:00Z")), "created_at");
        assertField(() -> trail.userActivity("u", 0, 10), "days");
        assertField(() -> trail.resourceHistory("r", 0), "limit");
        assertThat(trail.verify().getLong("entries")).isZero();
    }

    private static void setSeq(ScopedCollection logs, long key, long seq) {
        logs.updateByKey(AuditChain.localId(key), new Document("$set", new Document("seq", seq)), false);
    }

    private static Document content(Document entry) {
        Document copy = new Document(entry);
        copy.remove("_id");
        copy.remove("organization_id");
        return copy;
    }

    private static void assertBroken(String tenant, long seq, String problem) {
        assertReport(trail(tenant).verify(), seq, problem);
    }

    private static void assertBrokenInParts(String tenant, long seq, String problem) {
        assertReport(trail(tenant).verify(10), seq, problem);
    }

    private static void assertReport(Document report, long seq, String problem) {
        assertThat(report.getBoolean("valid")).isFalse();
        Document broken = report.get("first_broken", Document.class);
        assertThat(broken.getLong("seq")).isEqualTo(seq);
        assertThat(broken.getString("problem")).contains(problem);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }
}
