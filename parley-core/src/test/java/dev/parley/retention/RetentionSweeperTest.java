package dev.parley.retention;

import dev.parley.TenantScope;
import dev.parley.testing.MovableClock;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The sweeper asks each collection's owner, in the policy's order, and expires what no tenant owns after the default days. */
class RetentionSweeperTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    static TestParley parley = new TestParley(new MovableClock(T0));

    private static void rawWebhook(String id, String tenant, Duration age) {
        parley.store().platform("raw_webhooks").insert(new Document("_id", id).append("organization_id", tenant)
                .append("organization_ids", tenant.startsWith("_") ? List.of() : List.of(tenant)).append("provider", "meta")
                .append("received_at", Date.from(T0.minus(age))).append("body", "{}"));
    }

    private static void event(TenantScope t, String id, String conversation) {
        t.events().append(new Document("aggregate_type", "conversation").append("aggregate_id", conversation)
                .append("event_type", "closed").append("event_id", id).append("event_data", new Document()));
        parley.store().scoped(t.organizationId(), "events").updateMany(new Document("event_id", id),
                new Document("$set", new Document("created_at", Date.from(T0.minus(Duration.ofDays(400))))));
    }

    @Test
    void aRunOverEveryTenantAsksEachOwnerInThePolicysOrderThenExpiresUnroutedPayloads() {
        parley.get().tenants().create("sw-a", null, null);
        TenantScope t = parley.get().tenant("sw-a");
        rawWebhook("routed-old", "sw-a", Duration.ofDays(40));
        rawWebhook("routed-new", "sw-a", Duration.ofDays(5));
        rawWebhook("_unrouted|old", "_unrouted", Duration.ofDays(40));
        rawWebhook("_unrouted|new", "_unrouted", Duration.ofDays(5));
        event(t, "e-held", "conv-held");
        event(t, "e-free", "conv-free");
        t.updateRetention(new Document("legal_hold", new Document("conversations", List.of("conv-held"))));

        List<SweepRow> rows = parley.get().retentionSweeper().run(null, false);

        String held = "legal hold on 1 conversation(s)";
        assertThat(rows).extracting(SweepRow::tenant, SweepRow::collection, SweepRow::days, SweepRow::deleted, SweepRow::kept)
                .containsExactly(tuple("sw-a", "messages", 90, 0L, held), tuple("sw-a", "audit_logs", 365, 0L, null),
                        tuple("sw-a", "analytics", 180, 0L, null), tuple("sw-a", "events", 365, 1L, held),
                        tuple("sw-a", "raw_webhooks", 30, 1L, null), tuple("sw-a", "analytics_rollups", 730, 0L, null),
                        tuple("_unrouted", "raw_webhooks", 30, 1L, null));
        assertThat(rows.get(rows.size() - 1).cutoff()).isEqualTo(T0.minus(Duration.ofDays(30)));
        var raw = parley.store().platform("raw_webhooks");
        assertThat(raw.get("routed-old")).isEmpty();
        assertThat(raw.get("routed-new")).isPresent();
        assertThat(raw.get("_unrouted|old")).isEmpty();
        assertThat(raw.get("_unrouted|new")).isPresent();
        assertThat(t.events().byType("closed", null, 10)).extracting(e -> e.getString("event_id")).containsExactly("e-held");
        assertThat(t.audit().find(new Document("resource_type", "retention"), null, null, null, 10))
                .extracting(e -> e.getString("resource_id")).containsExactlyInAnyOrder("events", "raw_webhooks");
    }

    @Test
    void everyPolicyEntryHasExactlyOneOwner() {
        RetainedData messages = owner(RetainedCollection.MESSAGES);
        List<RetainedData> allButAudit = java.util.Arrays.stream(RetainedCollection.values())
                .filter(c -> c != RetainedCollection.AUDIT_LOGS).map(RetentionSweeperTest::owner).toList();
        assertThatThrownBy(() -> new RetentionSweeper(allButAudit, parley.get().retention(), List::of, (a, b, c, d, e) -> { },
                Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AUDIT_LOGS");
        List<RetainedData> twice = new java.util.ArrayList<>(allButAudit);
        twice.add(messages);
        assertThatThrownBy(() -> new RetentionSweeper(twice, parley.get().retention(), List::of, (a, b, c, d, e) -> { },
                Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two owners of messages");
    }

    private static RetainedData owner(RetainedCollection key) {
        return new RetainedData() {
            @Override
            public RetainedCollection policyKey() {
                return key;
            }

            @Override
            public long expire(String tenant, Instant cutoff, List<String> heldConversations, boolean dryRun) {
                return 0;
            }
        };
    }
}
