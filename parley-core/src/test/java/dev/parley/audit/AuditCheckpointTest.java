package dev.parley.audit;

import dev.parley.InvalidInputException;
import dev.parley.store.ScopedCollection;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signed checkpoints kept outside the database catch what a signed head cannot: the chain rolled
 * back to an earlier state that is valid in itself, removed entirely, or rewritten as an unkeyed
 * chain by someone who can write to the database but lacks the secret.
 */
class AuditCheckpointTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @BeforeAll
    static void indexes() {
        parley.get().initDb();
    }

    @Test
    void aRollbackToAnEarlierValidStateIsFoundAgainstTheCheckpointsKept() {
        append("rollback", 20);
        AuditCheckpoint early = checkpoint("rollback");
        Document oldHead = new Document(heads("rollback").get(AuditWriter.HEAD).orElseThrow());
        append("rollback", 20);
        AuditCheckpoint late = checkpoint("rollback");
        assertThat(late.seq()).isEqualTo(40);
        assertThat(trail("rollback").verify(List.of(early, late)).get("checkpoints", Document.class).getLong("matched")).isEqualTo(2);

        // the tail deleted and the old signed head put back: a state that was valid once
        List<String> tail = new ArrayList<>();
        for (long seq = 21; seq <= 40; seq++) {
            tail.add(AuditChain.localId(seq));
        }
        logs("rollback").deleteByKeys(tail);
        heads("rollback").updateByKey(AuditWriter.HEAD, new Document("$set", new Document("seq", oldHead.get("seq"))
                .append("signed", oldHead.get("signed"))), false);
        parley.store().awaitDurable();
        assertThat(trail("rollback").verify().getBoolean("valid")).as("alone, a signed head cannot tell").isTrue();
        Document against = trail("rollback").verify(List.of(early, late));
        assertThat(against.getBoolean("valid")).isFalse();
        assertThat(against.get("first_broken", Document.class).getLong("seq")).isEqualTo(21);
        assertThat(against.get("first_broken", Document.class).getString("problem")).contains("rolled back");
    }

    @Test
    void aChainDeletedEntirelyIsFoundAgainstTheCheckpointsKept() {
        append("gone", 5);
        AuditCheckpoint kept = checkpoint("gone");
        logs("gone").deleteMany(new Document());
        heads("gone").deleteMany(new Document());
        assertThat(trail("gone").verify().getBoolean("valid")).isTrue();
        Document against = trail("gone").verify(List.of(kept));
        assertThat(against.getBoolean("valid")).isFalse();
        assertThat(against.get("first_broken", Document.class).getString("problem")).contains("ends at seq 0");
    }

    /** Rewritten as an unkeyed chain with an unsigned head, it verifies as a legacy chain would; the checkpoint does not. */
    @Test
    void aKeyedChainPassedOffAsAnUnkeyedOneIsFoundAgainstTheCheckpointsKept() {
        append("passed-off", 5);
        AuditCheckpoint kept = checkpoint("passed-off");
        String prev = null;
        for (long seq = 1; seq <= 5; seq++) {
            Document entry = logs("passed-off").get(AuditChain.localId(seq)).orElseThrow();
            entry.remove(AuditKeys.ALG_FIELD);
            entry.put("prev_hash", prev);
            entry.put("hash", AuditHash.of(entry));
            prev = entry.getString("hash");
            Document fields = new Document(entry);
            fields.remove("_id");
            fields.remove("organization_id");
            logs("passed-off").updateByKey(AuditChain.localId(seq), new Document("$set", fields)
                    .append("$unset", new Document(AuditKeys.ALG_FIELD, "")), false);
        }
        heads("passed-off").updateByKey(AuditWriter.HEAD, new Document("$unset", new Document("signed", "")), false);
        parley.store().awaitDurable();
        Document alone = trail("passed-off").verify();
        assertThat(alone.getBoolean("valid")).isTrue();
        assertThat(alone.getLong("unkeyed")).as("but it says so").isEqualTo(5);
        Document against = trail("passed-off").verify(List.of(kept));
        assertThat(against.getBoolean("valid")).isFalse();
        assertThat(against.get("first_broken", Document.class).getString("problem")).contains("not the entry checkpointed");
    }

    @Test
    void aCheckpointRetentionDeletedBehindItsOwnSignedCheckpointCountsAsExpired() {
        append("expired", 10);
        AuditCheckpoint kept = checkpoint("expired");
        append("expired", 10);
        assertThat(trail("expired").expireBefore(Instant.now().plusSeconds(1), false)).isEqualTo(19);
        Document against = trail("expired").verify(List.of(kept));
        assertThat(against.getBoolean("valid")).as(against.toJson()).isTrue();
        assertThat(against.get("checkpoints", Document.class).getLong("expired")).isEqualTo(1);
        assertThat(against.get("checkpoints", Document.class).getLong("matched")).isZero();
    }

    @Test
    void anEditedOrForeignCheckpointIsRefused() {
        append("edited", 5);
        AuditCheckpoint kept = checkpoint("edited");
        AuditCheckpoint moved = new AuditCheckpoint(kept.organizationId(), 3, kept.hash(), kept.time(), kept.signature());
        Document report = trail("edited").verify(List.of(moved));
        assertThat(report.getBoolean("valid")).isFalse();
        assertThat(report.get("first_broken", Document.class).getString("problem")).contains("not signed with this PARLEY_SECRET_KEY");
        // another tenant's checkpoints are not this tenant's to check
        append("other", 2);
        assertThat(trail("other").verify(List.of(kept)).get("checkpoints", Document.class).getLong("matched")).isZero();
    }

    @Test
    void aCheckpointIsOneJsonLineAndABadLineNamesTheField() {
        append("json", 3);
        AuditCheckpoint kept = checkpoint("json");
        assertThat(kept.toJson()).doesNotContain("\n").contains("\"organization_id\": \"json\"").contains("\"seq\": 3");
        assertThat(AuditCheckpoint.parse(kept.toJson())).isEqualTo(kept);
        assertField(() -> AuditCheckpoint.parse("not json"), "checkpoint");
        assertField(() -> AuditCheckpoint.parse("{\"organization_id\": \"json\", \"seq\": \"3\"}"), "seq");
        assertField(() -> AuditCheckpoint.parse("{\"organization_id\": \"json\", \"seq\": 3, \"hash\": \"ab\", \"time\": \"yesterday\","
                + " \"signature\": \"cd\"}"), "time");
        assertField(() -> AuditCheckpoint.parse("{\"seq\": 3}"), "organization_id");
        // a broken chain gives no checkpoint to bless it
        logs("json").updateByKey(AuditChain.localId(2), new Document("$set", new Document("user_id", "someone-else")), false);
        parley.store().awaitDurable();
        assertThat(trail("json").checkpoint(trail("json").verify(), Instant.now())).isEmpty();
    }

    private static AuditTrail trail(String tenant) {
        return parley.get().tenant(tenant).audit();
    }

    private static ScopedCollection logs(String tenant) {
        return parley.store().scoped(tenant, AuditWriter.LOGS);
    }

    private static ScopedCollection heads(String tenant) {
        return parley.store().scoped(tenant, AuditWriter.HEADS);
    }

    private static void append(String tenant, int n) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(new Document("user_id", "u").append("action", "view").append("resource_type", "contact")
                    .append("resource_id", "c" + i));
        }
        trail(tenant).logAll(batch);
    }

    private static AuditCheckpoint checkpoint(String tenant) {
        return trail(tenant).checkpoint(trail(tenant).verify(), Instant.now()).orElseThrow();
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }
}
