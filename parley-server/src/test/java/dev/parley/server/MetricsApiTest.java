package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's analytics over REST: log_metric, daily/hourly stats by zone and tag, the funnel, bad input, tenancy. */
class MetricsApiTest extends ServerTestSupport {

    private String acme;
    private String beta;
    private String funnel;

    @BeforeAll
    void keys() {
        acme = keyFor("metrics-acme");
        beta = keyFor("metrics-beta");
        funnel = keyFor("metrics-funnel");
    }

    private Reply post(String key, String json) {
        return send("POST", "/api/v1/metrics", key, "application/json", json);
    }

    @Test
    void logMetricThenDailyAndHourlyStatsInTheSeedsShape() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Reply first = post(acme, "{\"metric_type\":\"messages_sent\",\"value\":150,\"tags\":{\"campaign_id\":\"campaign-456\"},"
                + "\"metadata\":{\"channel\":\"whatsapp\"},\"metric_id\":\"m-150\",\"timestamp\":\"" + now + "\"}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("date").asString()).isEqualTo(LocalDate.ofInstant(now, ZoneId.of("UTC")).toString());
        assertThat(first.json().get("metric_id").asString()).isEqualTo("m-150");
        assertThat(post(acme, "{\"metric_type\":\"messages_sent\",\"value\":150,\"metric_id\":\"m-150\"}").status()).isEqualTo(200);
        Reply batch = post(acme, "[{\"metric_type\":\"messages_sent\",\"value\":50,\"tags\":{\"campaign_id\":\"other\"},\"timestamp\":\"" + now + "\"},"
                + "{\"metric_type\":\"messages_sent\",\"value\":100,\"tags\":{\"campaign_id\":\"campaign-456\"},\"timestamp\":\"" + now + "\"}]");
        assertThat(batch.status()).isEqualTo(201);
        assertThat(batch.json().get("count").asInt()).isEqualTo(2);

        String today = LocalDate.ofInstant(now, ZoneId.of("Asia/Kolkata")).toString();
        JsonNode daily = get("/api/v1/metrics/messages_sent/daily?days=30&tz=Asia/Kolkata", acme).json();
        assertThat(daily.isArray()).isTrue();
        JsonNode last = daily.get(daily.size() - 1);
        assertThat(last.get("_id").asString()).isEqualTo(today);
        assertThat(last.get("total").asLong()).isEqualTo(300);
        assertThat(last.get("count").asLong()).isEqualTo(3);
        assertThat(last.get("average").asLong()).isEqualTo(100);
        assertThat(last.size()).isEqualTo(4); // exactly _id, total, count, average
        JsonNode tagged = get("/api/v1/metrics/messages_sent/daily?days=30&tz=Asia/Kolkata&tag.campaign_id=campaign-456", acme).json();
        assertThat(tagged.get(tagged.size() - 1).get("total").asLong()).isEqualTo(250);
        JsonNode hourly = get("/api/v1/metrics/messages_sent/hourly?hours=24&tz=Asia/Kathmandu", acme).json();
        assertThat(hourly.get(hourly.size() - 1).get("_id").asString()).endsWith("+05:45");
        assertThat(hourly.get(hourly.size() - 1).get("count").asLong()).isEqualTo(3);
    }

    @Test
    void messagingFunnelCountsMessageWrites() {
        send("POST", "/api/v1/messages", funnel, "application/json",
                "{\"message_id\":\"wamid.f1\",\"conversation_id\":\"conv-f\",\"content\":\"hi\",\"status\":\"sent\"}");
        post(funnel, "{\"metric_type\":\"messages_sent\",\"value\":150}");
        JsonNode counts = get("/api/v1/analytics/messaging?days=7&tz=Asia/Riyadh", funnel).json();
        assertThat(counts.get("sent").asLong()).isEqualTo(1);
        assertThat(counts.get("time_zone").asString()).isEqualTo("Asia/Riyadh");
        // issue 23: one point of 150 is a total of 150, count 1; Parley's own count of 1 only on request
        JsonNode own = get("/api/v1/metrics/messages_sent/daily?days=1", funnel).json().get(0);
        assertThat(own.get("total").asLong()).isEqualTo(150);
        assertThat(own.get("count").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/metrics/messages_sent/hourly?hours=1", funnel).json().get(0).get("total").asLong()).isEqualTo(150);
        assertThat(get("/api/v1/metrics/messages_sent/daily?days=1&source=all", funnel).json().get(0).get("total").asLong())
                .isEqualTo(151);
        assertThat(get("/api/v1/metrics/messages_sent/daily?days=1&source=messages", funnel).json().get(0).get("total").asLong())
                .isEqualTo(1);
        assertThat(get("/api/v1/metrics/messages_sent/daily?days=1&source=points", funnel).json().get(0).get("total").asLong())
                .isEqualTo(150);
        assertThat(get("/api/v1/analytics/messaging?days=7", beta).json().get("sent").asLong()).isZero();
    }

    @Test
    void badInputIs400NamingTheField() {
        assertProblemNames(post(acme, "{\"metric_type\":\"x\"}"), "value");
        assertProblemNames(post(acme, "{\"value\":1}"), "metric_type");
        assertProblemNames(post(acme, "{\"metric_type\":\"x\",\"value\":1,\"tags\":[1]}"), "tags");
        assertProblemNames(post(acme, "{\"metric_type\":\"x\",\"value\":1,\"timestamp\":\"yesterday\"}"), "timestamp");
        assertProblemNames(post(acme, "[{\"metric_type\":\"x\",\"value\":1},{\"metric_type\":\"x\"}]"), "[1].value");
        assertProblemNames(get("/api/v1/metrics/x/daily?days=0", acme), "days");
        assertProblemNames(get("/api/v1/metrics/x/daily?tz=Mars/Olympus", acme), "tz");
        assertProblemNames(get("/api/v1/metrics/x/hourly?hours=100000", acme), "hours");
        assertProblemNames(get("/api/v1/metrics/bad%20type/daily", acme), "metric_type");
        assertProblemNames(get("/api/v1/metrics/x/daily?source=guesses", acme), "source");
    }

    @Test
    void anotherTenantSeesNoneOfItsMetrics() {
        post(acme, "{\"metric_type\":\"private_metric\",\"value\":9}");
        assertThat(get("/api/v1/metrics/private_metric/daily", beta).json().size()).isZero();
        assertThat(get("/api/v1/metrics/private_metric/hourly", beta).json().size()).isZero();
        assertThat(get("/api/v1/metrics/private_metric/daily", acme).json().size()).isEqualTo(1);
    }
}
