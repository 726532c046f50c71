package dev.parley.audit;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import dev.parley.store.ScopedCollection;
import dev.parley.testing.TestParley;
import dev.parley.testing.TestStores;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import dev.parley.erasure.ErasureSubject;
import dev.parley.erasure.Markers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nine ways to tamper with an audit chain, by an adversary who can write to MongoDB (through
 * the driver, straight into {@code audit_logs} and {@code audit_heads}) but lacks
 * PARLEY_SECRET_KEY: each must fail verification. Where the adversary re-hashes, it uses plain
 * SHA-256 over the same canonical encoding ({@link AuditHash#of}), or any hash without the key;
 * before chains were keyed, kinds 3, 5, 6 and 8 (and 9 with re-hashing) passed.
 */
class AuditTamperTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    /** Entries per chain: three appended batches of ten. */
    private static final int N = 30;

    @BeforeAll
    static void indexes() {
        parley.get().initDb();
    }

    // --- an erasure's sealed redaction ---

    @Test
    void redactedEntriesVerifyAndAnEditOfOneIsFound() {
        chain("t-red");
        trail("t-red").log(new Document("user_id", "+966500000042").append("action", "view").append("resource_type", "customer")
                .append("changes", new Document("after", new Document("note", "call +966 50 000 0042"))));
        trail("t-red").logAll(batch(3));
        ErasureSubject subject = ErasureSubject.of("t-red", "ct_x", "er_x", new Markers().phone("+966500000042"), List.of(), Set.of());
        assertThat(trail("t-red").eraser().erase(subject).get(0).documents()).isEqualTo(1);
        Document redacted = entry("t-red", N + 1);
        assertThat(redacted.getString("user_id")).isEqualTo("[erased]");
        assertThat(redacted.toJson()).doesNotContain("0042");
        for (Document report : List.of(trail("t-red").verify(), trail("t-red").verify(10))) {
            assertThat(report.getBoolean("valid")).as(report.toJson()).isTrue();
        }
        redacted.put("action", "delete");
        overwrite("t-red", redacted);
        assertRefused("t-red", N + 1, "seal does not hold");
    }

    @Test
    void aRedactionForgedWithoutTheKeyIsFound() {
        chain("t-forge");
        Document entry = entry("t-forge", 12);
        entry.put("user_id", "[erased]");
        entry.put("redacted", new Document("at", new java.util.Date()).append("erasure_id", "er_forged").append("seal", "00".repeat(32)));
        overwrite("t-forge", entry);
        assertRefused("t-forge", 12, "seal does not hold");
    }

    @Test
    void aSealMovedToAnotherEntryIsFound() {
        chain("t-move");
        ErasureSubject subject = ErasureSubject.of("t-move", "ct_x", "er_x", new Markers().text("user-1"), List.of(), Set.of());
        trail("t-move").eraser().erase(subject);
        Document sealed = entry("t-move", 2); // user-1: redacted
        assertThat(sealed.get("redacted")).isNotNull();
        long other = 1; // user-0: untouched
        Document target = entry("t-move", other);
        target.put("redacted", sealed.get("redacted"));
        target.put("user_id", "[erased]");
        overwrite("t-move", target);
        assertRefused("t-move", other, "seal does not hold");
    }

    // --- the nine kinds ---

    @Test
    void kind1EditingAFieldIsFound() {
        chain("t1");
        Document entry = entry("t1", 12);
        entry.put("user_id", "someone-else");
        overwrite("t1", entry);
        assertRefused("t1", 12, "changed after it was written");
    }

    @Test
    void kind2EditingAndRehashingThatEntryIsFound() {
        chain("t2");
        Document entry = entry("t2", 12);
        entry.put("action", "view");
        overwrite("t2", rehash(entry));
        assertRefused("t2", 12, "changed after it was written");
    }

    @Test
    void kind3EditingAndRehashingTheRestOfTheChainIsFound() {
        chain("t3");
        Document genuineHead = head("t3");
        Document entry = entry("t3", 12);
        entry.put("user_id", "someone-else");
        String last = relinkFrom("t3", 12, entry);
        setHead("t3", N, last);
        assertRefused("t3", N, "head signature invalid");
        // left with its genuine head, the re-hashed entries themselves give it away
        putHead("t3", genuineHead);
        assertRefused("t3", 12, "changed after it was written");
        // without the hash_alg mark, as if unkeyed, it is a downgrade
        chain("t3-unmarked");
        Document unmarked = entry("t3-unmarked", 12);
        unmarked.remove(AuditKeys.ALG_FIELD);
        unmarked.put("user_id", "someone-else");
        relinkFrom("t3-unmarked", 12, unmarked);
        assertRefused("t3-unmarked", 12, "unkeyed after keyed entries");
    }

    @Test
    void kind4DeletingAnEntryInTheMiddleIsFound() {
        chain("t4");
        logs("t4").deleteByKeys(List.of(AuditChain.localId(15)));
        durable();
        assertRefused("t4", 15, "missing");
    }

    @Test
    void kind5DeletingAndRenumberingTheRestIsFound() {
        chain("t5");
        Document genuineHead = head("t5");
        List<Document> rest = new ArrayList<>();
        for (long seq = 16; seq <= N; seq++) {
            rest.add(entry("t5", seq));
        }
        List<String> keys = new ArrayList<>();
        for (long seq = 15; seq <= N; seq++) {
            keys.add(AuditChain.localId(seq));
        }
        logs("t5").deleteByKeys(keys);
        String prev = entry("t5", 14).getString("hash");
        List<Document> renumbered = new ArrayList<>();
        for (Document entry : rest) {
            long seq = entry.get("seq", Number.class).longValue() - 1;
            entry.put("_id", logs("t5").key(AuditChain.localId(seq)));
            entry.put("seq", seq);
            entry.put("prev_hash", prev);
            prev = rehash(entry).getString("hash");
            renumbered.add(entry);
        }
        logs("t5").insertAll(renumbered);
        setHead("t5", N - 1, prev);
        assertRefused("t5", N - 1, "head signature invalid");
        // the head left alone: the renumbered entries do not hash to what they say
        putHead("t5", genuineHead);
        assertRefused("t5", 15, "changed after it was written");
    }

    @Test
    void kind6TruncatingTheTailAndLoweringTheHeadIsFound() {
        chain("t6");
        String hash20 = entry("t6", 20).getString("hash");
        truncateAfter("t6", 20);
        setHead("t6", 20, hash20);
        assertRefused("t6", 20, "head signature invalid");
        // or with the head made to look unkeyed (no signature at all)
        heads("t6").updateByKey(AuditWriter.HEAD, new Document("$unset", new Document("signed", "")), false);
        durable();
        assertRefused("t6", 1, "head is unsigned or missing");
        // or with the head deleted
        heads("t6").deleteByKeys(List.of(AuditWriter.HEAD));
        durable();
        assertRefused("t6", 1, "head is unsigned or missing");
    }

    @Test
    void kind7TruncatingTheTailLeavingTheHeadIsFound() {
        chain("t7");
        truncateAfter("t7", 20);
        assertRefused("t7", 21, "missing");
        assertThat(headSeq("t7")).as("the head counts every entry appended").isEqualTo(N);
    }

    @Test
    void kind8AppendingAForgedEntryIsFound() {
        chain("t8");
        Document genuineHead = head("t8");
        Document last = entry("t8", N);
        Document forged = new Document(last);
        forged.put("_id", logs("t8").key(AuditChain.localId(N + 1)));
        forged.put("seq", (long) N + 1);
        forged.put("prev_hash", last.getString("hash"));
        forged.put("user_id", "someone-else");
        forged.put("created_at", new Date());
        logs("t8").insertAll(List.of(rehash(forged)));
        setHead("t8", N + 1, forged.getString("hash"));
        assertRefused("t8", N + 1, "head signature invalid");
        // the head left alone: past the head, an entry still needs the key
        putHead("t8", genuineHead);
        assertRefused("t8", N + 1, "changed after it was written");
        // unmarked, as if unkeyed: a downgrade
        unmark("t8", forged);
        assertRefused("t8", N + 1, "unkeyed after keyed entries");
    }

    @Test
    void kind9SwappingTwoEntriesIsFound() {
        chain("t9");
        Document genuineHead = head("t9");
        // the two entries' contents trade places, each renumbered to its new place, re-linked and re-hashed from there on
        Document wasThirteenth = entry("t9", 13);
        Document nowThirteenth = entry("t9", 14);
        nowThirteenth.put("seq", 13L);
        nowThirteenth.put("prev_hash", entry("t9", 12).getString("hash"));
        overwrite("t9", rehash(nowThirteenth));
        wasThirteenth.put("seq", 14L);
        wasThirteenth.put("prev_hash", nowThirteenth.getString("hash"));
        String last = relinkFrom("t9", 14, wasThirteenth);
        setHead("t9", N, last);
        assertRefused("t9", N, "head signature invalid");
        putHead("t9", genuineHead);
        assertRefused("t9", 13, "changed after it was written");
    }

    // --- the head, downgrades, unkeyed chains, keys ---

    @Test
    void aForgedHeadSignatureIsFound() {
        chain("head-forged");
        heads("head-forged").updateByKey(AuditWriter.HEAD, new Document("$set", new Document("signed.signature", "ab".repeat(32))), false);
        durable();
        assertRefused("head-forged", N, "head signature invalid");
    }

    @Test
    void aKeyedChainEndsAtItsSignedHeadWhichMovesWithEveryBatch() {
        chain("keyed");
        Document report = trail("keyed").verify();
        assertThat(report.getBoolean("valid")).as(report.toJson()).isTrue();
        assertThat(report.getLong("checked")).isEqualTo(N);
        assertThat(report.getLong("keyed_from")).isEqualTo(1);
        assertThat(report.getLong("unkeyed")).isZero();
        assertThat(report.getString("head")).isEqualTo("signed");
        assertThat(report.getString("note")).isNull();
        Document last = entry("keyed", N);
        assertThat(last.getString(AuditKeys.ALG_FIELD)).isEqualTo("hmac-sha256");
        assertThat(last.getString("hash")).hasSize(64).isNotEqualTo(AuditHash.of(last));
        Document signed = heads("keyed").get(AuditWriter.HEAD).orElseThrow().get("signed", Document.class);
        assertThat(signed.get("seq", Number.class).longValue()).isEqualTo(N);
        assertThat(signed.getString("hash")).isEqualTo(last.getString("hash"));
        assertThat(report.getString("last_hash")).isEqualTo(last.getString("hash"));
        assertThat(signed.getString("signature")).doesNotContain(last.getString("hash")).hasSize(64);
    }

    /** A crash between an insert and its head update leaves keyed entries past the head: they verify, and appends go on. */
    @Test
    void keyedEntriesPastTheHeadThatACrashLeftStillVerify() {
        chain("crashed");
        Document head20 = new Document(heads("crashed").get(AuditWriter.HEAD).orElseThrow());
        chain("crashed"); // 30 more
        heads("crashed").updateByKey(AuditWriter.HEAD, new Document("$set", new Document("seq", head20.get("seq"))
                .append("signed", head20.get("signed"))), false);
        durable();
        Document report = trail("crashed").verify(10);
        assertThat(report.getBoolean("valid")).as(report.toJson()).isTrue();
        assertThat(report.getLong("checked")).isEqualTo(2L * N);
        trail("crashed").log(action(0));
        assertThat(headSeq("crashed")).isEqualTo(2L * N + 1);
        assertThat(trail("crashed").verify().getLong("checked")).isEqualTo(2L * N + 1);
    }

    /** Retention deleted the chain's start behind a signed checkpoint; a head older than that was put back. */
    @Test
    void anOldHeadPutBackBehindTheRetentionCheckpointIsFound() {
        trail("behind").logAll(batch(10));
        Document oldHead = head("behind");
        chain("behind");
        assertThat(trail("behind").expireBefore(java.time.Instant.now().plusSeconds(1), false)).isEqualTo(N + 9);
        assertThat(trail("behind").verify().getBoolean("valid")).isTrue();
        putHead("behind", oldHead);
        assertRefused("behind", 10, "behind the retention checkpoint");
    }

    @Test
    void anUnkeyedEntryAfterKeyedOnesIsADowngrade() {
        chain("downgrade");
        unmark("downgrade", entry("downgrade", 25));
        assertRefused("downgrade", 25, "unkeyed after keyed entries");
    }

    @Test
    void anUnknownHashAlgIsRefused() {
        chain("alg");
        Document entry = entry("alg", 5);
        entry.put(AuditKeys.ALG_FIELD, "sha-256");
        overwrite("alg", rehash(entry));
        assertRefused("alg", 5, "unknown hash_alg");
    }

    /**
     * A chain written before chains were keyed (unkeyed entries, a head without signature) still
     * verifies, and says what that is worth; once keyed entries follow, they pin it.
     */
    @Test
    void anUnkeyedChainWrittenBeforeStillVerifiesWithTheLegacyNote() {
        legacyChain("legacy", 12);
        Document report = trail("legacy").verify();
        assertThat(report.getBoolean("valid")).as(report.toJson()).isTrue();
        assertThat(report.getLong("checked")).isEqualTo(12);
        assertThat(report.getLong("unkeyed")).isEqualTo(12);
        assertThat(report.get("keyed_from")).isNull();
        assertThat(report.getString("head")).isEqualTo("unsigned");
        assertThat(report.getString("note")).contains("12 entries are unkeyed")
                .contains("protected against accidental change only, not against someone who can write to the database");
        // which is all it is: on its own, an unkeyed chain re-hashed by a database writer still verifies
        legacyChain("legacy-rewritten", 12);
        Document edited = entry("legacy-rewritten", 4);
        edited.put("user_id", "someone-else");
        relinkFrom("legacy-rewritten", 4, edited);
        assertThat(trail("legacy-rewritten").verify().getBoolean("valid")).isTrue();
        // but an accidental change is found
        logs("legacy").updateByKey(AuditChain.localId(4), new Document("$set", new Document("user_id", "typo")), false);
        durable();
        assertRefused("legacy", 4, "changed after it was written");
    }

    @Test
    void keyedAppendsAfterAnUnkeyedChainPinIt() {
        legacyChain("mixed", 12);
        trail("mixed").logAll(batch(5));
        Document report = trail("mixed").verify(5);
        assertThat(report.getBoolean("valid")).as(report.toJson()).isTrue();
        assertThat(report.getLong("checked")).isEqualTo(17);
        assertThat(report.getLong("unkeyed")).isEqualTo(12);
        assertThat(report.getLong("keyed_from")).isEqualTo(13);
        assertThat(report.getString("head")).isEqualTo("signed");
        assertThat(report.getString("note")).contains("entries 1 to 12 are unkeyed").contains("keyed part starts at seq 13");
        // re-hashing the unkeyed part breaks the first keyed entry's link to it
        Document edited = entry("mixed", 4);
        edited.put("user_id", "someone-else");
        String last = relinkFrom("mixed", 4, edited, 12);
        assertThat(last).isNotEqualTo(entry("mixed", 13).getString("prev_hash"));
        assertRefused("mixed", 13, "not linked to entry 12");
        // and the head cannot be made unsigned again to pass the keyed entries off as a legacy chain
        legacyChain("mixed-unsigned", 3);
        trail("mixed-unsigned").log(action(1));
        heads("mixed-unsigned").updateByKey(AuditWriter.HEAD, new Document("$unset", new Document("signed", "")), false);
        durable();
        assertRefused("mixed-unsigned", 4, "head is unsigned or missing");
    }

    @Test
    void aChainWrittenWithOneSecretKeyFailsWithAnother(@TempDir Path data) {
        Map<String, String> settings = TestStores.settings("AuditTamperKeys");
        if (TestStores.externalUri() == null) {
            settings.put("PARLEY_EMBEDDED", "h2"); // two openings of one store
            settings.put("PARLEY_DATA_DIR", data.toString());
        }
        String keyA = randomKey();
        settings.put("PARLEY_SECRET_KEY", keyA);
        try (Parley a = Parley.connect(ParleyConfig.from(settings))) {
            a.tenant("keys").audit().logAll(batch(10));
            assertThat(a.tenant("keys").audit().verify().getBoolean("valid")).isTrue();
        }
        settings.put("PARLEY_SECRET_KEY", randomKey());
        try (Parley b = Parley.connect(ParleyConfig.from(settings))) {
            Document report = b.tenant("keys").audit().verify();
            assertThat(report.getBoolean("valid")).as(report.toJson()).isFalse();
            assertThat(report.get("first_broken", Document.class).getString("problem")).contains("head signature invalid");
            StoreAccess.of(b).scoped("keys", AuditWriter.HEADS).deleteByKeys(List.of(AuditWriter.HEAD));
            StoreAccess.of(b).awaitDurable();
            Document entries = b.tenant("keys").audit().verify();
            assertThat(entries.get("first_broken", Document.class).getString("problem"))
                    .contains("written under another PARLEY_SECRET_KEY");
            assertThat(entries.get("first_broken", Document.class).getLong("seq")).isEqualTo(1);
        }
        settings.put("PARLEY_SECRET_KEY", keyA);
        try (Parley a = Parley.connect(ParleyConfig.from(settings))) {
            a.tenant("keys").audit().log(action(2)); // the head is signed again
            assertThat(a.tenant("keys").audit().verify().getBoolean("valid")).isTrue();
            StoreAccess.of(a).dropDatabase();
        }
    }

    // --- the adversary's tools: the store, and hashes anyone can compute ---

    private static AuditTrail trail(String tenant) {
        return parley.get().tenant(tenant).audit();
    }

    private static ScopedCollection logs(String tenant) {
        return parley.store().scoped(tenant, AuditWriter.LOGS);
    }

    private static ScopedCollection heads(String tenant) {
        return parley.store().scoped(tenant, AuditWriter.HEADS);
    }

    private static void durable() {
        parley.store().awaitDurable();
    }

    private static Document action(int i) {
        return new Document("user_id", "user-" + i % 3).append("action", "update").append("resource_type", "campaign")
                .append("resource_id", "campaign-" + i)
                .append("changes", new Document("before", new Document("status", "draft")).append("after", new Document("status", "sent")))
                .append("ip_address", "192.168.1." + i % 250);
    }

    private static List<Document> batch(int n) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(action(i));
        }
        return batch;
    }

    /** Thirty entries in three batches (three head updates), written by Parley. */
    private static void chain(String tenant) {
        for (int b = 0; b < 3; b++) {
            trail(tenant).logAll(batch(10));
        }
    }

    private static void legacyChain(String tenant, int n) {
        LegacyChains.write(parley.store(), tenant, n);
    }

    private static Document entry(String tenant, long seq) {
        return logs(tenant).get(AuditChain.localId(seq)).orElseThrow();
    }

    /** The entry's hash recomputed as anyone can: SHA-256 over the canonical encoding, no key. */
    private static Document rehash(Document entry) {
        entry.put("hash", AuditHash.of(entry));
        return entry;
    }

    private static Document content(Document entry) {
        Document copy = new Document(entry);
        copy.remove("_id");
        copy.remove("organization_id");
        return copy;
    }

    /** Stores {@code entry} in its place, as it is (a field it lacks is removed). */
    private static void overwrite(String tenant, Document entry) {
        long seq = entry.get("seq", Number.class).longValue();
        Document update = new Document("$set", content(entry));
        if (!entry.containsKey(AuditKeys.ALG_FIELD)) {
            update.append("$unset", new Document(AuditKeys.ALG_FIELD, ""));
        }
        logs(tenant).updateByKey(AuditChain.localId(seq), update, false);
        durable();
    }

    /** Writes {@code edited} (re-hashed) in its place and re-links and re-hashes every entry after it; returns the last hash. */
    private static String relinkFrom(String tenant, long seq, Document edited) {
        return relinkFrom(tenant, seq, edited, Long.MAX_VALUE);
    }

    private static String relinkFrom(String tenant, long seq, Document edited, long upTo) {
        overwrite(tenant, rehash(edited));
        String prev = edited.getString("hash");
        for (long s = seq + 1; s <= upTo; s++) {
            var next = logs(tenant).get(AuditChain.localId(s));
            if (next.isEmpty()) {
                break;
            }
            Document entry = next.get();
            entry.put("prev_hash", prev);
            if (!edited.containsKey(AuditKeys.ALG_FIELD)) {
                entry.remove(AuditKeys.ALG_FIELD); // the rest made to look unkeyed like the edited entry
            }
            overwrite(tenant, rehash(entry));
            prev = entry.getString("hash");
        }
        return prev;
    }

    private static void truncateAfter(String tenant, long seq) {
        List<String> keys = new ArrayList<>();
        for (long s = seq + 1; s <= N; s++) {
            keys.add(AuditChain.localId(s));
        }
        logs(tenant).deleteByKeys(keys);
        durable();
    }

    /** What a tamperer who edits the head writes: its seq, and the signed part's seq and hash (the signature left as it was). */
    private static void setHead(String tenant, long seq, String hash) {
        heads(tenant).updateByKey(AuditWriter.HEAD, new Document("$set", new Document("seq", (long) seq)
                .append("signed.seq", (long) seq).append("signed.hash", hash)), false);
        durable();
    }

    private static Document head(String tenant) {
        return new Document(heads(tenant).get(AuditWriter.HEAD).orElseThrow());
    }

    /** Puts back a head as it was (the tamperer kept a copy, or never touched it). */
    private static void putHead(String tenant, Document head) {
        heads(tenant).updateByKey(AuditWriter.HEAD, new Document("$set", new Document("seq", head.get("seq"))
                .append("signed", head.get("signed"))), false);
        durable();
    }

    /** Rewrites {@code entry} as an unkeyed one: no hash_alg, plain SHA-256. */
    private static void unmark(String tenant, Document entry) {
        Document unmarked = new Document(entry);
        unmarked.remove(AuditKeys.ALG_FIELD);
        overwrite(tenant, rehash(unmarked));
    }

    private static long headSeq(String tenant) {
        Document head = heads(tenant).get(AuditWriter.HEAD).orElseThrow();
        Object signed = head.get("signed");
        return (signed instanceof Document d ? d : head).get("seq", Number.class).longValue();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Whole chain and in parts of ten (so breaks at part edges and joins are exercised): both must refuse it. */
    private static void assertRefused(String tenant, long seq, String problem) {
        for (Document report : List.of(trail(tenant).verify(), trail(tenant).verify(10))) {
            assertThat(report.getBoolean("valid")).as(tenant + ": " + report.toJson()).isFalse();
            Document broken = report.get("first_broken", Document.class);
            assertThat(broken.getString("problem")).as(tenant).contains(problem);
            assertThat(broken.getLong("seq")).as(tenant + ": " + broken.getString("problem")).isEqualTo(seq);
        }
    }
}
