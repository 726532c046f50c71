package dev.parley.scans;

import dev.parley.messages.MessageStatus;
import dev.parley.messages.StatusEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonlStatusesTest {

    @Test
    void readsWebhookPayloadsFlatEventsAndSeed002Documents() {
        String text = MetaStatusesTest.WEBHOOK.replace("\n", " ") + "\n"
                + "\n" // blank lines are skipped
                + "{\"id\": \"wamid.FLAT\", \"status\": \"delivered\", \"timestamp\": \"2025-12-30T15:01:25Z\","
                + " \"execution_id\": 25203, \"recipient_id\": \"966540401445\", \"workflow_id\": \"wf-1\"}\n"
                + "{\"messageId\": \"wamid.SEED\", \"conversation_id\": \"966532127070\", \"workflowId\": \"tc3q\","
                + " \"statusHistory\": [{\"status\": \"sent\", \"timestamp\": 1767106880, \"executionId\": \"25202\"},"
                + " {\"status\": \"read\", \"timestamp\": 1767106892, \"executionId\": \"25204\", \"conversation_id\": \"966532127070\"}]}\n";
        List<StatusPage> pages = new ArrayList<>();
        JsonlStatuses.ofText("statuses.jsonl", text).read(pages::add);

        assertThat(pages).hasSize(1);
        StatusPage page = pages.get(0);
        assertThat(page.executions()).isEqualTo(4);
        assertThat(page.skipped()).isEqualTo(1); // the webhook's "warning"
        assertThat(page.oldestRunAt()).isNull();
        List<StatusEvent> events = page.events();
        assertThat(events).extracting(StatusEvent::messageId).containsExactly("wamid.A", "wamid.FLAT", "wamid.SEED", "wamid.SEED");
        assertThat(events).allMatch(StatusEvent::scan).allMatch(e -> e.source().equals("jsonl"));

        StatusEvent flat = events.get(1);
        assertThat(flat.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(flat.timestamp()).isEqualTo(Instant.parse("2025-12-30T15:01:25Z"));
        assertThat(flat.executionId()).isEqualTo("25203");
        assertThat(flat.conversationId()).isEqualTo("966540401445");
        assertThat(flat.details().getString("workflow_id")).isEqualTo("wf-1");

        StatusEvent seed = events.get(2);
        assertThat(seed.executionId()).isEqualTo("25202");
        assertThat(seed.conversationId()).isEqualTo("966532127070"); // from the document when the entry has none
        assertThat(seed.details().getString("workflow_id")).isEqualTo("tc3q");
    }

    @Test
    void badLinesFailTheFileNamingEveryLine() {
        String text = """
                {"message_id": "wamid.OK", "status": "sent", "timestamp": 1767106880}
                not json at all
                {"message_id": "wamid.X", "status": "bogus", "timestamp": 1767106880}
                {"hello": "world"}
                {"message_id": "wamid.Y", "status": "read"}
                {"messageId": "wamid.Z", "statusHistory": [{"status": "sent"}]}
                {"broken": 
                """;
        List<StatusPage> pages = new ArrayList<>();
        assertThatThrownBy(() -> JsonlStatuses.ofText("in.jsonl", text).read(pages::add))
                .isInstanceOfSatisfying(ScanException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("in.jsonl has 6 bad lines")
                .hasMessageContaining("line 2: not a JSON object")
                .hasMessageContaining("line 3: status: must be one of")
                .hasMessageContaining("line 4: neither a WhatsApp webhook payload")
                .hasMessageContaining("line 5: timestamp: is required")
                .hasMessageContaining("line 6: statusHistory[0].timestamp: is required")
                .hasMessageContaining("line 7: not valid JSON");
        assertThat(pages).as("nothing is handed on from a file with bad lines").isEmpty();
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> JsonlStatuses.of(java.nio.file.Path.of("/nonexistent/statuses.jsonl")).read(p -> true))
                .isInstanceOf(ScanException.class).hasMessage("cannot read /nonexistent/statuses.jsonl: no such file");
    }
}
