package dev.parley.scans;

import dev.parley.InvalidInputException;
import dev.parley.messages.MessageStatus;
import dev.parley.messages.StatusEvent;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetaStatusesTest {

    static final String WEBHOOK = """
            {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages",
              "value": {"messaging_product": "whatsapp", "metadata": {"phone_number_id": "106540352242922"},
                "statuses": [
                  {"id": "wamid.A", "status": "sent", "timestamp": "1767106880", "recipient_id": "966540401445",
                   "pricing": {"billable": true, "category": "utility"}, "conversation": {"id": "c-1"}},
                  {"id": "wamid.A", "status": "warning", "timestamp": "1767106881", "recipient_id": "966540401445"}
                ]}}]}]}
            """;

    private static final MetaStatuses.Origin N8N = new MetaStatuses.Origin("n8n", "25202", "wf-1", Instant.ofEpochSecond(1767106999));

    @Test
    void findsStatusesInTheWebhookEnvelope() {
        List<Document> found = MetaStatuses.find(Document.parse(WEBHOOK));
        assertThat(found).extracting(d -> d.getString("status")).containsExactly("sent", "warning");
    }

    @Test
    void findsStatusesAnywhereInN8nRunData() {
        Document runData = Document.parse("""
                {"WhatsApp Webhook": [{"startTime": 1, "data": {"main": [[{"json": {"headers": {}, "body": %s}}]]}}],
                 "Code": [{"data": {"main": [[{"json": {"statuses": [{"id": "wamid.B", "status": "read", "timestamp": 1767106892}]}}]]}}],
                 "Other": [{"data": {"main": [[{"json": {"statuses": ["not", "objects"], "status": "success", "id": 7}}]]}}]}
                """.formatted(WEBHOOK));
        assertThat(MetaStatuses.find(runData)).extracting(d -> d.getString("id"))
                .containsExactly("wamid.A", "wamid.A", "wamid.B");
    }

    @Test
    void mapsAStatusToAScanEventWithExecutionAndWorkflow() {
        StatusEvent event = MetaStatuses.toEvent(MetaStatuses.find(Document.parse(WEBHOOK)).get(0), N8N).orElseThrow();
        assertThat(event.messageId()).isEqualTo("wamid.A");
        assertThat(event.status()).isEqualTo(MessageStatus.SENT);
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1767106880));
        assertThat(event.executionId()).isEqualTo("25202");
        assertThat(event.conversationId()).isEqualTo("966540401445");
        assertThat(event.source()).isEqualTo("n8n");
        assertThat(event.scan()).isTrue();
        assertThat(event.details().getString("workflow_id")).isEqualTo("wf-1");
        assertThat(event.details().get("pricing", Document.class).getString("category")).isEqualTo("utility");
        assertThat(event.details().get("whatsapp_conversation", Document.class).getString("id")).isEqualTo("c-1");
    }

    @Test
    void untrackedStatusesAreLeftOut() {
        assertThat(MetaStatuses.toEvent(MetaStatuses.find(Document.parse(WEBHOOK)).get(1), N8N)).isEmpty();
    }

    @Test
    void aStatusWithoutTimeTakesTheRunsStartOrIsRefused() {
        Document untimed = new Document("id", "wamid.C").append("status", "delivered");
        assertThat(MetaStatuses.toEvent(untimed, N8N).orElseThrow().timestamp()).isEqualTo(N8N.fallbackTime());
        assertThatThrownBy(() -> MetaStatuses.toEvent(untimed, new MetaStatuses.Origin("jsonl", null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("timestamp");
    }

    @Test
    void failedStatusesKeepTheirError() {
        Document failed = Document.parse("""
                {"id": "wamid.F", "status": "failed", "timestamp": "1767106880",
                 "errors": [{"code": 131026, "title": "Message undeliverable"}]}""");
        StatusEvent event = MetaStatuses.toEvent(failed, N8N).orElseThrow();
        assertThat(event.error().getInteger("code")).isEqualTo(131026);
    }
}
