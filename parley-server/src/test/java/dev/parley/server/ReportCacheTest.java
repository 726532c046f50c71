package dev.parley.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cached analytics reports never hide a write: logging a metric or a message drops the tenant's reports. */
class ReportCacheTest extends ServerTestSupport {

    @Test
    void aReportReflectsTheWriteRightAfterIt() {
        String key = keyFor("rc-acme");
        String other = keyFor("rc-other");
        String daily = "/api/v1/metrics/messages_sent/daily?days=2&tz=UTC";
        assertThat(get(daily, key).json().findValues("total")).isEmpty();
        assertThat(postJson("/api/v1/metrics", key, "{\"metric_type\":\"messages_sent\",\"value\":150}").status()).isEqualTo(201);
        assertThat(get(daily, key).json().get(0).get("total").asDouble()).isEqualTo(150);
        assertThat(get(daily, key).json().get(0).get("total").asDouble()).isEqualTo(150); // from the cache now
        assertThat(postJson("/api/v1/metrics", key, "{\"metric_type\":\"messages_sent\",\"value\":50}").status()).isEqualTo(201);
        assertThat(get(daily, key).json().get(0).get("total").asDouble()).isEqualTo(200);
        assertThat(get(daily, other).json().findValues("total")).isEmpty(); // another tenant's cache entry, another answer

        String funnel = "/api/v1/analytics/messaging?days=2";
        long before = get(funnel, key).json().findValue("sent").asLong();
        assertThat(postJson("/api/v1/messages", key, "{\"message_id\":\"rc-1\",\"conversation_id\":\"c\",\"sender_id\":\"a\","
                + "\"recipient_id\":\"b\",\"content\":\"hi\",\"message_type\":\"text\",\"direction\":\"outbound\",\"status\":\"sent\"}").status())
                .isEqualTo(201);
        assertThat(get(funnel, key).json().findValue("sent").asLong()).isEqualTo(before + 1);
    }
}
