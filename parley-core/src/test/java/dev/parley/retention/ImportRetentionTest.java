package dev.parley.retention;

import dev.parley.TenantScope;
import dev.parley.imports.ImportFormat;
import dev.parley.imports.ImportRequest;
import dev.parley.testing.MovableClock;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention counts a message from when Parley stored it ({@code stored_at}), so an import of old
 * chats is not deleted by the next sweep, and the import's result says when it will be.
 */
class ImportRetentionTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final MovableClock clock = new MovableClock(T0);

    @RegisterExtension
    static TestParley parley = new TestParley(clock);

    private static final String EXPORT_2018 = """
            14/03/2018, 09:15 - Ahmed Ali: Is the order shipped?
            14/03/2018, 09:20 - Support: Yes, this morning
            02/04/2018, 18:01 - Ahmed Ali: It arrived, thanks
            """;

    private static TenantScope tenant(String name) {
        if (parley.get().tenants().find(name).isEmpty()) {
            parley.get().tenants().create(name, null, "UTC");
        }
        return parley.get().tenant(name);
    }

    private static Document importChat(TenantScope tenant, String conversation, String text) {
        return tenant.imports().run(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new ImportRequest(ImportFormat.WHATSAPP_EXPORT, "chat.txt", "whatsapp", "production", null, null,
                        conversation, null, "Support", null, false), p -> { }).upload();
    }

    private static List<Document> stored(TenantScope tenant, String conversation) {
        return parley.store().scoped(tenant.organizationId(), "messages")
                .find(new Document("conversation_id", conversation)).into(new java.util.ArrayList<>());
    }

    private static long deletedMessages(String tenant) {
        return parley.get().retentionSweeper().run(tenant, false).stream()
                .filter(r -> r.collection().equals("messages")).mapToLong(SweepRow::deleted).sum();
    }

    @Test
    void anImportedOldExportSurvivesTheNextSweepAndGoesOnlyAWindowAfterItWasStored() {
        clock.set(T0);
        TenantScope t = tenant("ir-export");
        Instant before = Instant.now();
        Document upload = importChat(t, "chat-2018", EXPORT_2018);
        Instant after = Instant.now();

        assertThat(upload.getString("status")).isEqualTo("success");
        Document retention = upload.get("retention", Document.class);
        assertThat(retention.getInteger("days")).isEqualTo(90);
        assertThat(retention.getString("counted_from")).isEqualTo("stored_at");
        assertThat(retention.getDate("expires_at").toInstant())
                .isBetween(before.plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.MILLIS), after.plus(Duration.ofDays(90)));
        assertThat(retention.get("dated_before_window", Number.class).longValue()).isEqualTo(3);
        assertThat(retention.getDate("oldest_created_at").toInstant()).isEqualTo(Instant.parse("2018-03-14T09:15:00Z"));
        assertThat(retention.getBoolean("legal_hold")).isFalse();
        assertThat(retention.getString("warning")).contains("3 of these messages are dated before the tenant's 90-day retention window")
                .contains("2018-03-14").contains("kept until " + retention.getDate("expires_at").toInstant().toString().substring(0, 10));

        List<Document> messages = stored(t, "chat-2018");
        assertThat(messages).hasSize(3).allSatisfy(m -> {
            assertThat(m.getDate("created_at").toInstant()).isBefore(Instant.parse("2018-04-03T00:00:00Z")); // shown with its own date
            assertThat(m.getDate("stored_at").toInstant()).isBetween(before.truncatedTo(ChronoUnit.MILLIS), after);
            assertThat(m.getDate("expire_at")).isEqualTo(Date.from(m.getDate("stored_at").toInstant().plus(Duration.ofDays(90))));
        });

        assertThat(deletedMessages("ir-export")).as("the sweep right after the import").isZero();
        assertThat(stored(t, "chat-2018")).hasSize(3);

        clock.advance(Duration.ofDays(89)); // still inside the window counted from the import
        assertThat(deletedMessages("ir-export")).isZero();

        clock.set(after.plus(Duration.ofDays(90)).plusSeconds(1)); // a window after they were stored
        assertThat(deletedMessages("ir-export")).isEqualTo(3);
        assertThat(stored(t, "chat-2018")).isEmpty();
    }

    @Test
    void aMessageStoredBeforeStoredAtExistedIsDatedByItsCreatedAt() {
        clock.set(T0);
        TenantScope t = tenant("ir-legacy");
        for (String id : List.of("legacy-old", "legacy-recent")) {
            t.messages().log(new Document("message_id", id).append("conversation_id", "c").append("content", "hi")
                    .append("created_at", T0.minus(Duration.ofDays(id.endsWith("old") ? 100 : 10)).toString()));
            // written by a Parley without stored_at
            parley.store().scoped("ir-legacy", "messages").updateByKey(id,
                    new Document("$unset", new Document("stored_at", "")), false);
        }
        t.messages().log(new Document("message_id", "new-old").append("conversation_id", "c").append("content", "hi")
                .append("created_at", T0.minus(Duration.ofDays(100)).toString()));

        assertThat(deletedMessages("ir-legacy")).isEqualTo(1);
        var messages = parley.store().scoped("ir-legacy", "messages");
        assertThat(messages.get("legacy-old")).isEmpty();
        assertThat(messages.get("legacy-recent")).isPresent();
        assertThat(messages.get("new-old")).isPresent(); // stored just now, whatever its date
    }

    @Test
    void storedAtIsSetOnceAndNeitherALaterWriteNorABodyMovesIt() throws InterruptedException {
        clock.set(T0);
        TenantScope t = tenant("ir-pinned");
        t.messages().log(new Document("message_id", "p1").append("conversation_id", "c").append("content", "first"));
        Date first = t.messages().get("p1").getDate("stored_at");
        assertThat(first).isNotNull();
        Thread.sleep(5);

        t.messages().log(new Document("message_id", "p1").append("conversation_id", "c").append("content", "edited")
                .append("stored_at", "2030-01-01T00:00:00Z"));
        t.messages().updateStatus("p1", "delivered", null, null);

        Document after = t.messages().get("p1");
        assertThat(after.getString("content")).isEqualTo("edited");
        assertThat(after.getString("status")).isEqualTo("delivered");
        assertThat(after.getDate("stored_at")).isEqualTo(first);
        assertThat(after.get("metadata", Document.class).get("stored_at")).as("a body's stored_at is kept as metadata").isNotNull();
    }

    @Test
    void anImportUnderATenantHoldSaysNothingExpires() {
        clock.set(T0);
        TenantScope t = tenant("ir-hold");
        t.updateRetention(new Document("legal_hold", new Document("tenant", true).append("reason", "audit")));

        Document retention = importChat(t, "chat-held", EXPORT_2018).get("retention", Document.class);

        assertThat(retention.getBoolean("legal_hold")).isTrue();
        assertThat(retention.get("expires_at")).isNull();
        assertThat(retention.getString("warning")).contains("kept while the tenant's legal hold lasts");
    }
}
