package dev.parley;

import dev.parley.conversations.ConversationQuery;
import dev.parley.conversations.Conversations;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationsTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @Test
    void startGetListEndArchiveAsSeed004() {
        Conversations c = parley.get().tenant("company-456").conversations();
        c.start(new Document("conversation_id", "c1").append("agent_id", "agent-123").append("company_id", "company-456")
                .append("channel", "chat").append("tags", List.of("vip")).append("started_at", "2026-01-01T10:00:00Z")
                .append("metadata", new Document("source", "web").append("custom_fields", new Document("plan", "gold"))));
        c.start(new Document("conversation_id", "c2").append("agent_id", "agent-123").append("channel", "voice")
                .append("contact_id", "contact-9").append("started_at", "2026-01-02T10:00:00Z"));
        c.start(new Document("conversation_id", "c3").append("agent_id", "agent-7").append("channel", "whatsapp")
                .append("started_at", "2026-01-03T10:00:00Z"));

        assertThat(c.get("c1").get("metadata", Document.class).get("custom_fields", Document.class).getString("plan")).isEqualTo("gold");
        assertThat(c.list(ConversationQuery.all(10))).extracting(d -> d.getString("conversation_id")).containsExactly("c3", "c2", "c1");
        assertThat(c.list(new ConversationQuery("active", null, "agent-123", null, null, null, null, null, 10, false, null)))
                .extracting(d -> d.getString("conversation_id")).containsExactly("c2", "c1");
        assertThat(c.list(new ConversationQuery(null, "voice", null, "contact-9", null, null, null, null, 10, false, null))).hasSize(1);
        assertThat(c.list(new ConversationQuery(null, null, null, null, null, "vip", null, null, 10, false, null))).hasSize(1);
        assertThat(c.list(new ConversationQuery(null, null, null, null, null, null, Instant.parse("2026-01-02T00:00:00Z"),
                Instant.parse("2026-01-03T00:00:00Z"), 10, false, null))).extracting(d -> d.getString("conversation_id"))
                .containsExactly("c2");

        List<Document> first = c.list(ConversationQuery.all(2));
        List<Document> rest = c.list(new ConversationQuery(null, null, null, null, null, null, null, null, 2, false,
                Conversations.cursorAfter(first.get(1))));
        assertThat(rest).extracting(d -> d.getString("conversation_id")).containsExactly("c1");

        assertThat(c.end("c1").getString("status")).isEqualTo("ended");
        assertThat(c.get("c1").getDate("ended_at")).isNotNull();
        assertThat(c.archive("c1").getString("status")).isEqualTo("archived");
        assertThat(c.update("c2", new Document("tags", List.of("a", "b"))).getList("tags", String.class)).containsExactly("a", "b");
    }

    @Test
    void validationNamesTheField() {
        Conversations c = parley.get().tenant("acme").conversations();
        assertThatThrownBy(() -> c.start(new Document("channel", "chat")))
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("agent_id"));
        assertThatThrownBy(() -> c.start(new Document("agent_id", "a").append("channel", "fax")))
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("channel"));
        assertThatThrownBy(() -> c.start(new Document("agent_id", "a").append("channel", "chat").append("status", "open")))
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("status"));
        c.start(new Document("conversation_id", "dup").append("agent_id", "a").append("channel", "chat"));
        assertThatThrownBy(() -> c.start(new Document("conversation_id", "dup").append("agent_id", "a").append("channel", "chat")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> c.update("missing", new Document("status", "ended"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void tenantsCannotReachEachOthersConversations() {
        parley.get().tenant("one").conversations().start(new Document("conversation_id", "mine").append("agent_id", "a")
                .append("channel", "sms"));
        Conversations other = parley.get().tenant("two").conversations();

        assertThatThrownBy(() -> other.get("mine")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> other.update("mine", new Document("status", "ended"))).isInstanceOf(NotFoundException.class);
        assertThat(other.list(ConversationQuery.all(100))).isEmpty();
        assertThat(parley.get().tenant("one").conversations().get("mine").getString("status")).isEqualTo("active");
    }
}
