package dev.parley.retention;

import dev.parley.InvalidInputException;
import dev.parley.TenantScope;
import dev.parley.testing.MovableClock;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 000's TTLs as per-tenant policies: the sweeper deletes exactly what expired, nothing under legal hold. */
class RetentionTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final MovableClock clock = new MovableClock(T0);

    @RegisterExtension
    static TestParley parley = new TestParley(clock);

    @BeforeAll
    static void indexes() {
        parley.get().initDb();
    }

    private static TenantScope tenant(String name) {
        if (parley.get().tenants().find(name).isEmpty()) {
            parley.get().tenants().create(name, null, null);
        }
        return parley.get().tenant(name);
    }

    private static void message(TenantScope tenant, String id, String conversation, Duration age) {
        tenant.messages().log(new Document("message_id", id).append("conversation_id", conversation).append("content", "hi")
                .append("created_at", T0.minus(age).toString()));
    }

    /** As if Parley had stored the message {@code age} before T0: retention counts from {@code stored_at}. */
    private static void storedAgo(TenantScope tenant, String id, Duration age) {
        parley.store().scoped(tenant.organizationId(), "messages").updateByKey(id,
                new Document("$set", new Document("stored_at", java.util.Date.from(T0.minus(age)))), false);
    }

    private static boolean exists(TenantScope tenant, String messageId) {
        return parley.store().scoped(tenant.organizationId(), "messages").get(messageId).isPresent();
    }

    private static long deleted(List<SweepRow> rows, String tenant, String collection) {
        return rows.stream().filter(r -> r.tenant().equals(tenant) && r.collection().equals(collection))
                .mapToLong(SweepRow::deleted).sum();
    }

    @Test
    void deletesExactlyTheExpiredDocumentsAndNothingUnderAConversationHold() {
        clock.set(T0);
        TenantScope t = tenant("rt-exact");
        message(t, "m-old", "conv-1", Duration.ofDays(100));
        message(t, "m-new", "conv-1", Duration.ofDays(10));
        message(t, "m-held", "conv-held", Duration.ofDays(100));
        storedAgo(t, "m-old", Duration.ofDays(100));
        storedAgo(t, "m-new", Duration.ofDays(10));
        storedAgo(t, "m-held", Duration.ofDays(100));
        t.analytics().log(new Document("metric_type", "x").append("value", 1).append("metric_id", "p-old")
                .append("timestamp", T0.minus(Duration.ofDays(200)).toString()));
        t.analytics().log(new Document("metric_type", "x").append("value", 1).append("metric_id", "p-new")
                .append("timestamp", T0.minus(Duration.ofDays(10)).toString()));
        t.updateRetention(new Document("legal_hold", new Document("conversations", List.of("conv-held")).append("reason", "case 42")));

        List<SweepRow> dry = parley.get().retentionSweeper().run("rt-exact", true);
        assertThat(deleted(dry, "rt-exact", "messages")).isEqualTo(1);
        assertThat(deleted(dry, "rt-exact", "analytics")).isEqualTo(1);
        assertThat(exists(t, "m-old")).isTrue(); // a dry run deletes nothing

        List<SweepRow> rows = parley.get().retentionSweeper().run("rt-exact", false);
        assertThat(deleted(rows, "rt-exact", "messages")).isEqualTo(1);
        assertThat(exists(t, "m-old")).isFalse();
        assertThat(exists(t, "m-new")).isTrue();
        assertThat(exists(t, "m-held")).isTrue();
        var points = parley.store().scoped("rt-exact", "analytics");
        assertThat(points.get("p-old")).isEmpty();
        assertThat(points.get("p-new")).isPresent();
        assertThat(parley.get().retentionSweeper().run("rt-exact", false)).allMatch(r -> r.deleted() == 0);
        assertThat(t.audit().find(new Document("resource_type", "retention"), null, null, null, 10))
                .extracting(e -> e.getString("resource_id")).containsExactlyInAnyOrder("messages", "analytics");
        assertThat(t.audit().find(new Document("resource_type", "retention_policy"), null, null, null, 10)).hasSize(1);
        assertThat(t.audit().verify().getBoolean("valid")).isTrue();
    }

    @Test
    void documentsCarryExpireAtForRealMongoDbsTtlIndexExceptUnderHold() {
        clock.set(T0);
        TenantScope t = tenant("rt-stamp");
        message(t, "m-1", "conv-1", Duration.ofDays(1));
        message(t, "m-2", "conv-2", Duration.ofDays(1));
        var stored = parley.store().scoped("rt-stamp", "messages");
        // counted from when Parley stored it, not from its own (a day older) created_at
        assertThat(stored.get("m-1").orElseThrow().getDate("expire_at").toInstant())
                .isEqualTo(stored.get("m-1").orElseThrow().getDate("stored_at").toInstant().plus(Duration.ofDays(90)));
        t.updateRetention(new Document("legal_hold", new Document("conversations", List.of("conv-2"))));
        assertThat(stored.get("m-2").orElseThrow().get("expire_at")).isNull();
        assertThat(stored.get("m-1").orElseThrow().get("expire_at")).isNotNull();
        t.updateRetention(new Document("days", new Document("messages", 400)));
        assertThat(stored.get("m-1").orElseThrow().get("expire_at")).isNull(); // kept longer: the old stamp went
        message(t, "m-3", "conv-1", Duration.ofDays(1));
        assertThat(stored.get("m-3").orElseThrow().getDate("expire_at").toInstant())
                .isEqualTo(stored.get("m-3").orElseThrow().getDate("stored_at").toInstant().plus(Duration.ofDays(400)));
        assertThat(t.retention().daysOf(RetainedCollection.MESSAGES)).isEqualTo(400);
        assertThat(t.retention().daysOf(RetainedCollection.EVENTS)).isEqualTo(365);
    }

    @Test
    void aTenantUnderLegalHoldLosesNothing() {
        clock.set(T0);
        TenantScope t = tenant("rt-hold");
        message(t, "m-old", "conv-1", Duration.ofDays(300));
        t.updateRetention(new Document("legal_hold", new Document("tenant", true).append("reason", "litigation")));
        clock.advance(Duration.ofDays(300)); // stored 300 days before the sweeps
        List<SweepRow> rows = parley.get().retentionSweeper().run("rt-hold", false);
        assertThat(rows).allMatch(r -> r.deleted() == 0 && "legal hold on the tenant".equals(r.kept()));
        assertThat(exists(t, "m-old")).isTrue();
        t.updateRetention(new Document("legal_hold", new Document("tenant", false)));
        assertThat(deleted(parley.get().retentionSweeper().run("rt-hold", false), "rt-hold", "messages")).isEqualTo(1);
    }

    @Test
    void expiredAuditEntriesGoOldestFirstAndTheChainStillVerifies() {
        clock.set(T0);
        TenantScope t = tenant("rt-audit");
        for (int i = 0; i < 5; i++) {
            t.audit().log(new Document("user_id", "u").append("action", "view").append("resource_type", "contact").append("resource_id", "c" + i));
        }
        long before = t.audit().verify().getLong("checked");
        clock.advance(Duration.ofDays(400));
        List<SweepRow> rows = parley.get().retentionSweeper().run("rt-audit", false);
        assertThat(deleted(rows, "rt-audit", "audit_logs")).isEqualTo(before - 1); // the newest stays: the chain goes on from it
        Document report = t.audit().verify();
        assertThat(report.getBoolean("valid")).isTrue();
        t.audit().log(new Document("user_id", "u").append("action", "view").append("resource_type", "contact").append("resource_id", "after"));
        assertThat(t.audit().verify().getBoolean("valid")).isTrue();

        parley.store().scoped("rt-audit", "audit_heads").updateByKey("checkpoint",
                new Document("$set", new Document("hash", "0".repeat(64))), false);
        Document forged = t.audit().verify();
        assertThat(forged.getBoolean("valid")).isFalse();
        assertThat(forged.get("first_broken", Document.class).getString("problem")).contains("checkpoint signature invalid");
    }

    @Test
    void badPoliciesAreRefusedNamingTheField() {
        TenantScope t = tenant("rt-bad");
        assertThatThrownBy(() -> t.updateRetention(new Document("days", new Document("messages", 0))))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("days.messages");
        assertThatThrownBy(() -> t.updateRetention(new Document("days", new Document("photos", 5))))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("days.photos");
        assertThatThrownBy(() -> t.updateRetention(new Document("legal_hold", new Document("tenant", "yes"))))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("legal_hold.tenant");
        assertThatThrownBy(() -> t.updateRetention(new Document("ttl", 5)))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("ttl");
        assertThat(t.retention().daysOf(RetainedCollection.MESSAGES)).isEqualTo(90);
    }
}
