package dev.parley.operations;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.TenantScope;
import dev.parley.testing.MovableClock;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 000's batch operations: all-or-nothing from the caller's view, through crashes after any step. */
class CompositeOperationsTest {

    private static final MovableClock clock = new MovableClock(Instant.now());

    @RegisterExtension
    static TestParley parley = new TestParley(clock);

    @BeforeAll
    static void indexes() {
        parley.get().initDb();
    }

    private static final class Crash extends RuntimeException {
        Crash(String step) {
            super("crashed after " + step);
        }
    }

    private static CompositeOperations operations(TenantScope tenant, String failAfter) {
        return new CompositeOperations(tenant, parley.store(), clock, step -> {
            if (step.equals(failAfter)) {
                throw new Crash(step);
            }
        });
    }

    private static Document campaign(int contacts) {
        return new Document("user_id", "user-123").append("contacts_count", contacts).append("ip_address", "192.168.1.1");
    }

    @Test
    void campaignExecutionWritesAuditMetricAndEventOnceUnderItsKey() {
        TenantScope tenant = parley.get().tenant("op-campaign");
        CompositeOperations.Outcome first = tenant.operations().logCampaignExecution("campaign-456", campaign(5000), "run-1");
        assertThat(first.replayed()).isFalse();
        Document result = first.result();
        assertThat(result.getString("audit_id")).isNotBlank();
        assertThat(result.getString("metric_id")).isNotBlank();
        assertThat(result.getString("event_id")).isNotBlank();
        CompositeOperations.Outcome again = tenant.operations().logCampaignExecution("campaign-456", campaign(5000), "run-1");
        assertThat(again.replayed()).isTrue();
        assertThat(again.result()).isEqualTo(result);
        assertWrittenOnce(tenant, "campaign", "campaign-456", "campaigns_executed", 5000);
        assertThatThrownBy(() -> tenant.operations().logCampaignExecution("campaign-456", campaign(10), "run-1"))
                .isInstanceOf(ConflictException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit", "metric", "event"})
    void aCampaignExecutionRetriedAfterACrashCompletesWithoutDuplicates(String step) {
        TenantScope tenant = parley.get().tenant("op-crash-" + step);
        assertThatThrownBy(() -> operations(tenant, step).logCampaignExecution("c-1", campaign(42), "k-1")).isInstanceOf(Crash.class);
        // the crashed request's lease still holds: a retry at once is told to wait
        assertThatThrownBy(() -> tenant.operations().logCampaignExecution("c-1", campaign(42), "k-1"))
                .isInstanceOf(ConflictException.class);
        clock.advance(OperationRecords.LEASE.plusSeconds(1));
        CompositeOperations.Outcome retried = tenant.operations().logCampaignExecution("c-1", campaign(42), "k-1");
        assertThat(retried.replayed()).isFalse();
        assertWrittenOnce(tenant, "campaign", "c-1", "campaigns_executed", 42);
        assertThat(tenant.operations().logCampaignExecution("c-1", campaign(42), "k-1").result()).isEqualTo(retried.result());
    }

    @ParameterizedTest
    @ValueSource(strings = {"conversation", "audit", "metric", "event"})
    void aConversationCloseRetriedAfterACrashCompletesWithoutDuplicates(String step) {
        TenantScope tenant = parley.get().tenant("op-close-" + step);
        tenant.conversations().start(new Document("conversation_id", "conv-456").append("channel", "whatsapp")
                .append("agent_id", "agent-1").append("contact_id", "contact-1"));
        Document input = new Document("user_id", "agent-1").append("resolution_time_seconds", 3600);
        assertThatThrownBy(() -> operations(tenant, step).logConversationClosed("conv-456", input, "close-1")).isInstanceOf(Crash.class);
        clock.advance(OperationRecords.LEASE.plusSeconds(1));
        tenant.operations().logConversationClosed("conv-456", input, "close-1");
        assertThat(tenant.conversations().get("conv-456").getString("status")).isEqualTo("ended");
        assertWrittenOnce(tenant, "conversation", "conv-456", "conversations_closed", 3600);
        Document audit = tenant.audit().resourceHistory("conv-456", 10).get(0);
        assertThat(audit.get("changes", Document.class).get("before", Document.class).getString("status")).isEqualTo("active");
    }

    private static void assertWrittenOnce(TenantScope tenant, String type, String id, String metric, long value) {
        assertThat(tenant.audit().resourceHistory(id, 50)).hasSize(1);
        assertThat(tenant.audit().verify().getBoolean("valid")).isTrue();
        assertThat(tenant.events().aggregateEvents(type, id, 1, 100)).hasSize(1);
        var daily = tenant.analytics().daily(metric, 2, ZoneId.of("UTC"), Map.of());
        assertThat(daily.stream().mapToLong(d -> ((Number) d.get("count")).longValue()).sum()).isEqualTo(1);
        assertThat(daily.stream().mapToLong(d -> ((Number) d.get("total")).longValue()).sum()).isEqualTo(value);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() {
        TenantScope tenant = parley.get().tenant("op-bad");
        assertThatThrownBy(() -> tenant.operations().logCampaignExecution("c", new Document("contacts_count", 1), null))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("user_id");
        assertThatThrownBy(() -> tenant.operations().logCampaignExecution("c", campaign(-1), null))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("contacts_count");
        assertThatThrownBy(() -> tenant.operations().logConversationClosed("nope",
                new Document("user_id", "u").append("resolution_time_seconds", 5), null)).isInstanceOf(NotFoundException.class);
        assertThat(tenant.audit().verify().getLong("checked")).isZero();
    }
}
