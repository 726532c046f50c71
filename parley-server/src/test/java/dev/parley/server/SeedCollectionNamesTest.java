package dev.parley.server;

import dev.parley.StoreAccess;
import dev.parley.scans.Seed002Documents;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gap 13: a server started with seed 002's MONGODB_STATUS_COLLECTION and
 * MONGODB_CONVERSATIONS_COLLECTION keeps messages and conversations under those names, and its
 * seed 002 query routes and export read them from there.
 */
class SeedCollectionNamesTest extends ServerTestSupport {

    @DynamicPropertySource
    static void seedNames(DynamicPropertyRegistry registry) {
        registry.add("MONGODB_STATUS_COLLECTION", () -> "conversation_status");
        registry.add("MONGODB_CONVERSATIONS_COLLECTION", () -> "converation_history");
    }

    private String key;

    @BeforeAll
    void tenant() {
        key = keyFor("names-acme");
    }

    @Test
    void messagesAndConversationsLiveUnderTheSeedsNames() {
        assertThat(postJson("/api/v1/messages", key, "{\"message_id\":\"wamid.NAMED\",\"conversation_id\":\"966540401445\","
                + "\"content\":\"hi\",\"status\":\"sent\",\"created_at\":1767106880}").status()).isEqualTo(201);
        assertThat(postJson("/api/v1/statuses", key, "[{\"id\":\"wamid.NAMED\",\"status\":\"read\",\"timestamp\":1767106892}]")
                .status()).isEqualTo(200);

        List<String> collections = StoreAccess.of(parley).collectionNames();
        assertThat(collections).contains("conversation_status", "converation_history").doesNotContain("messages", "conversations");
        assertThat(StoreAccess.of(parley).sample("conversation_status", 10)).extracting(doc -> doc.getString("message_id"))
                .contains("wamid.NAMED");

        // seed 002's query routes read the renamed collection
        JsonNode byConversation = get("/api/v1/message-statuses?conversation_id=966540401445", key).json();
        assertThat(byConversation.get("messages").get(0).get("status").asString()).isEqualTo("read");
        JsonNode read = get("/api/v1/message-statuses?status=read", key).json();
        assertThat(read.get("count").asInt()).isEqualTo(1);
        JsonNode counts = get("/api/v1/message-statuses/counts?group_by=status", key).json();
        assertThat(counts.get("counts").get(0).get("count").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/conversations/966540401445", key).json().get("agent_id").asString()).isEqualTo("unassigned");

        // and so does the seed 002 export
        List<Document> exported = new ArrayList<>();
        Seed002Documents.export(parley.tenant("names-acme").messages(), parley.tenant("names-acme").timeZone(), exported::add);
        assertThat(exported).extracting(doc -> doc.getString("messageId")).containsExactly("wamid.NAMED");
        assertThat(exported.get(0).getString("latestStatus")).isEqualTo("read");
    }
}
