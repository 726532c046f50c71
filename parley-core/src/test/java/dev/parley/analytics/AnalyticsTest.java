package dev.parley.analytics;

import dev.parley.InvalidInputException;
import dev.parley.messages.MessageStatus;
import dev.parley.messages.StatusEvent;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 000's analytics: raw points, 15-minute rollups, stats in any time zone, the messaging funnel. */
class AnalyticsTest {

    private static final Instant NOW = Instant.parse("2026-03-15T20:52:00Z");
    private static final MovableClock clock = new MovableClock(NOW);

    @RegisterExtension
    static TestParley parley = new TestParley(clock);

    /** Random points over 40 days before NOW in tenant "an-bulk", as stored (values are exact in binary). */
    private static List<Document> bulk;

    @BeforeAll
    static void seedPoints() {
        parley.get().initDb();
        Random random = new Random(42);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Instant at = NOW.minusSeconds(random.nextInt(40 * 86_400));
            Document tags = new Document("campaign_id", "c" + random.nextInt(4));
            if (random.nextBoolean()) {
                tags.append("agent_id", "a" + random.nextInt(3));
            }
            batch.add(new Document("metric_type", "messages_sent").append("value", random.nextInt(400) / 4.0)
                    .append("tags", tags).append("timestamp", at.toString()));
            if (batch.size() == 1_000) {
                analytics("an-bulk").logAll(batch);
                batch.clear();
            }
        }
        bulk = analytics("an-bulk").points("messages_sent", NOW.minus(Duration.ofDays(400)), NOW.plusSeconds(1), 10_000);
    }

    private static Analytics analytics(String tenant) {
        return parley.get().tenant(tenant).analytics();
    }

    @Test
    void logsSeed000sShapeAndIsIdempotentOnMetricId() {
        Document first = analytics("an-shape").log(new Document("metric_type", "messages_sent").append("value", 150)
                .append("tags", new Document("campaign_id", "campaign-456")).append("metadata", new Document("channel", "whatsapp"))
                .append("metric_id", "m-1").append("timestamp", "2026-03-15T10:30:00Z"));
        assertThat(first.getBoolean("created")).isTrue();
        assertThat(first.getString("date")).isEqualTo("2026-03-15");
        assertThat(first.get("value")).isEqualTo(150L);
        assertThat(first.get("tags", Document.class).getString("campaign_id")).isEqualTo("campaign-456");
        assertThat(first.get("metadata", Document.class).getString("channel")).isEqualTo("whatsapp");
        Document again = analytics("an-shape").log(new Document("metric_type", "messages_sent").append("value", 150)
                .append("metric_id", "m-1").append("timestamp", "2026-03-15T10:30:00Z"));
        assertThat(again.getBoolean("created")).isFalse();
        assertThat(analytics("an-shape").daily("messages_sent", 1, ZoneId.of("UTC"), Map.of()))
                .containsExactly(new Document("_id", "2026-03-15").append("total", 150L).append("count", 1L).append("average", 150L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Kolkata", "Asia/Riyadh", "Asia/Kathmandu", "America/St_Johns", "UTC"})
    void dailyStatsEqualABruteForceOverTheRawPoints(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        Instant from = NOW.atZone(zone).toLocalDate().minusDays(29).atStartOfDay(zone).toInstant();
        assertThat(analytics("an-bulk").daily("messages_sent", 30, zone, Map.of()))
                .isEqualTo(bruteForce(from, Map.of(), at -> LocalDate.ofInstant(at, zone).toString()));
        assertThat(analytics("an-bulk").daily("messages_sent", 30, zone, Map.of("campaign_id", "c2")))
                .isEqualTo(bruteForce(from, Map.of("campaign_id", "c2"), at -> LocalDate.ofInstant(at, zone).toString()));
        assertThat(analytics("an-bulk").daily("messages_sent", 30, zone, Map.of("campaign_id", "c1", "agent_id", "a0")))
                .isEqualTo(bruteForce(from, Map.of("campaign_id", "c1", "agent_id", "a0"), at -> LocalDate.ofInstant(at, zone).toString()))
                .isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Kolkata", "Asia/Kathmandu", "Asia/Riyadh"})
    void hourlyStatsEqualABruteForceOverTheRawPoints(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        Instant from = NOW.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant().minus(Duration.ofHours(71));
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx");
        List<Document> hourly = analytics("an-bulk").hourly("messages_sent", 72, zone, Map.of());
        assertThat(hourly).isEqualTo(bruteForce(from, Map.of(), at -> at.atZone(zone).truncatedTo(ChronoUnit.HOURS).format(hour)));
        assertThat(hourly.get(0).getString("_id")).endsWith(zone.getRules().getOffset(NOW).toString());
    }

    private static List<Document> bruteForce(Instant from, Map<String, String> filter, Function<Instant, String> label) {
        Map<String, double[]> groups = new TreeMap<>();
        for (Document point : bulk) {
            Instant at = point.getDate("timestamp").toInstant();
            Document tags = point.get("tags", Document.class);
            if (at.isBefore(from) || at.isAfter(NOW) || !filter.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())))) {
                continue;
            }
            double[] g = groups.computeIfAbsent(label.apply(at), k -> new double[2]);
            g[0] += ((Number) point.get("value")).doubleValue();
            g[1]++;
        }
        List<Document> out = new ArrayList<>();
        groups.forEach((key, g) -> out.add(new Document("_id", key).append("total", Analytics.number(g[0]))
                .append("count", (long) g[1]).append("average", Analytics.number(g[0] / g[1]))));
        return out;
    }

    @Test
    void rebuildRecomputesTheRollupsFromRawPointsIdempotently() {
        Analytics a = analytics("an-rebuild");
        for (int i = 0; i < 50; i++) {
            a.log(new Document("metric_type", "conversations_closed").append("value", i)
                    .append("tags", new Document("agent_id", "a" + i % 2)).append("timestamp", NOW.minus(Duration.ofHours(i * 7)).toString()));
        }
        List<Document> expected = a.daily("conversations_closed", 20, ZoneId.of("Asia/Riyadh"), Map.of("agent_id", "a1"));
        parley.store().scoped("an-rebuild", Rollups.ROLLUPS).deleteMany(new Document("date", "2026-03-14"));
        assertThat(a.daily("conversations_closed", 20, ZoneId.of("Asia/Riyadh"), Map.of("agent_id", "a1"))).isNotEqualTo(expected);
        RebuildReport report = a.rebuild(NOW.minus(Duration.ofDays(30)));
        assertThat(report.points()).isEqualTo(50);
        assertThat(a.daily("conversations_closed", 20, ZoneId.of("Asia/Riyadh"), Map.of("agent_id", "a1"))).isEqualTo(expected);
        a.rebuild(NOW.minus(Duration.ofDays(30)));
        assertThat(a.daily("conversations_closed", 20, ZoneId.of("Asia/Riyadh"), Map.of("agent_id", "a1"))).isEqualTo(expected);
    }

    @Test
    void messageWritesFeedTheFunnelOncePerMilestone() {
        var messages = parley.get().tenant("an-funnel").messages();
        Instant t = NOW.minus(Duration.ofHours(3));
        for (int i = 0; i < 4; i++) {
            messages.log(new Document("message_id", "wamid." + i).append("conversation_id", "conv-1").append("content", "hi")
                    .append("channel", "whatsapp"));
            messages.recordStatuses(List.of(event(i, MessageStatus.SENT, t, null)));
        }
        messages.recordStatuses(List.of(event(0, MessageStatus.DELIVERED, t.plusSeconds(4), null),
                event(1, MessageStatus.READ, t.plusSeconds(50), null), // read before delivered arrives
                event(2, MessageStatus.FAILED, t.plusSeconds(1), new Document("code", 131026))));
        messages.recordStatuses(List.of(event(1, MessageStatus.DELIVERED, t.plusSeconds(3), null),
                event(0, MessageStatus.DELIVERED, t.plusSeconds(4), null))); // a duplicate
        messages.log(new Document("message_id", "in-1").append("conversation_id", "conv-1").append("content", "hello")
                .append("direction", "inbound").append("created_at", t.toString()));
        Document funnel = analytics("an-funnel").messaging(7, ZoneId.of("Asia/Riyadh"));
        assertThat(funnel.getLong("sent")).isEqualTo(4);
        assertThat(funnel.getLong("delivered")).isEqualTo(2);
        assertThat(funnel.getLong("read")).isEqualTo(1);
        assertThat(funnel.getLong("failed")).isEqualTo(1);
        assertThat(funnel.getLong("inbound")).isEqualTo(1);
        assertThat(funnel.getDouble("delivery_rate")).isEqualTo(0.5);
        assertThat(funnel.getDouble("read_rate")).isEqualTo(0.5);
        assertThat(funnel.getList("failure_codes", Document.class))
                .containsExactly(new Document("error_code", "131026").append("count", 1L));
        assertThat(funnel.getDouble("median_seconds_to_delivered")).isBetween(2.0, 5.0);
        assertThat(analytics("an-funnel").daily(MessagingMetrics.SENT, 1, ZoneId.of("UTC"), Map.of("channel", "whatsapp"),
                Rollups.Source.MESSAGES)).extracting(d -> d.get("count")).containsExactly(4L);
        // issue 23: by default only the tenant's own points count, and it logged none
        assertThat(analytics("an-funnel").daily(MessagingMetrics.SENT, 1, ZoneId.of("UTC"), Map.of("channel", "whatsapp"))).isEmpty();
        assertThat(analytics("an-other").messaging(7, ZoneId.of("UTC")).getLong("sent")).isZero();
    }

    private static StatusEvent event(int i, MessageStatus status, Instant at, Document error) {
        return new StatusEvent("wamid." + i, status, at, null, null, "test", error, false);
    }

    @Test
    void refusesBadPointsAndRanges() {
        Analytics a = analytics("an-bad");
        assertThatThrownBy(() -> a.log(new Document("metric_type", "x").append("value", "many")))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("value");
        assertThatThrownBy(() -> a.log(new Document("metric_type", "bad type").append("value", 1)))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("metric_type");
        assertThatThrownBy(() -> a.log(new Document("metric_type", "x").append("value", 1).append("tags", new Document("a", new Document()))))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("tags.a");
        assertThatThrownBy(() -> a.log(new Document("metric_type", "x").append("value", 1).append("colour", "red")))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("colour");
        assertThatThrownBy(() -> a.daily("x", 0, ZoneId.of("UTC"), Map.of()))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("days");
        assertThat(analytics("an-empty").daily("messages_sent", 30, ZoneId.of("UTC"), Map.of())).isEmpty();
    }

    @Test
    void tenantsNeverSeeEachOthersMetrics() {
        analytics("an-a").log(new Document("metric_type", "secret").append("value", 7));
        assertThat(analytics("an-b").daily("secret", 3, ZoneId.of("UTC"), Map.of())).isEmpty();
        assertThat(analytics("an-a").daily("secret", 3, ZoneId.of("UTC"), Map.of())).hasSize(1);
    }
}
