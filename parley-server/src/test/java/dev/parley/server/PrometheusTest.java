package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /actuator/prometheus} carries Parley's own meters once there is traffic. */
class PrometheusTest extends ServerTestSupport {

    @Test
    void parleysMetersArePublished() {
        String key = keyFor("prometheus-co");
        postJson("/api/v1/messages", key, "{\"message_id\":\"p1\",\"conversation_id\":\"c\",\"content\":\"metered hello\",\"status\":\"sent\"}");
        postJson("/api/v1/messages/p1/statuses", key, "{\"status\":\"delivered\"}");
        get("/api/v1/messages/search?q=metered", key);
        postJson("/webhooks/whatsapp", null, "{\"object\":\"whatsapp_business_account\",\"entry\":[]}");

        Reply metrics = get("/actuator/prometheus", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("parley_ingest_commit_seconds_count{writer=\"message-writer\"}")
                .contains("parley_ingest_batch_size_count{writer=\"message-writer\"}")
                .contains("parley_status_transitions_total{status=\"delivered\"}")
                .contains("parley_search_seconds_count{kind=\"messages\"}")
                .contains("parley_webhook_requests_total{provider=\"whatsapp\"")
                .contains("cache_gets_total{cache=\"parley.recent_messages\"");
    }
}
