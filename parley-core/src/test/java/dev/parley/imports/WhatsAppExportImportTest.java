package dev.parley.imports;

import dev.parley.messages.HistoryQuery;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** WhatsApp "Export chat" files of each kind, written here by hand as the apps write them. */
class WhatsAppExportImportTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Imports {@code text} for a tenant in {@code zone}; returns the upload and the conversation's messages, oldest first. */
    private static Imported importChat(String tenant, String zone, String text, String me) {
        if (parley.get().tenants().find(tenant).isEmpty()) {
            parley.get().tenants().create(tenant, null, zone);
        }
        Imports imports = parley.get().tenant(tenant).imports();
        Document upload = imports.run(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new ImportRequest(ImportFormat.WHATSAPP_EXPORT, "chat.txt", "whatsapp", "production", null, null,
                        "chat-" + tenant, null, me, null, false), p -> { }).upload();
        List<Document> messages = parley.get().tenant(tenant).messages().history("chat-" + tenant, new HistoryQuery(200, null, null, true))
                .messages().stream().sorted(Comparator.comparing(m -> m.getDate("created_at"))).toList();
        return new Imported(upload, messages, ZoneId.of(zone));
    }

    private record Imported(Document upload, List<Document> messages, ZoneId zone) {

        String local(int i) {
            return LOCAL.format(messages.get(i).getDate("created_at").toInstant().atZone(zone));
        }

        List<String> senders() {
            return messages.stream().map(m -> m.getString("sender_id")).toList();
        }
    }

    @Test
    void android24HourDayFirst() {
        Imported chat = importChat("wa-android24", "Asia/Riyadh", """
                31/12/2025, 22:15 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.
                31/12/2025, 22:15 - Ahmed Ali: Happy new year!
                01/01/2026, 09:03 - Sara: Thanks, you too
                01/01/2026, 09:04 - Ahmed Ali: مرحباً، كيف الحال؟
                """, "Sara");

        assertThat(chat.upload().getString("status")).isEqualTo("success");
        assertThat(chat.upload().get("log_count", Number.class).longValue()).isEqualTo(4);
        assertThat(chat.senders()).containsExactly("system", "Ahmed Ali", "Sara", "Ahmed Ali");
        assertThat(chat.local(1)).isEqualTo("2025-12-31 22:15:00");
        assertThat(chat.local(2)).isEqualTo("2026-01-01 09:03:00");
        assertThat(chat.messages().get(0).getString("message_type")).isEqualTo("system");
        assertThat(chat.messages().get(2).getString("direction")).isEqualTo("outbound"); // Sara exported it
        assertThat(chat.messages().get(3).getString("content")).isEqualTo("مرحباً، كيف الحال؟");
    }

    @Test
    void android12HourMonthFirstWithNarrowSpaces() {
        Imported chat = importChat("wa-android12", "America/New_York", """
                12/31/25, 10:15\u202fPM - John: Are we still on for tomorrow?
                12/31/25, 10:16\u202fPM - Mary: Yes! 9 AM
                1/2/26, 12:05\u202fAM - John: Great
                1/2/26, 12:30\u202fPM - Mary: Running late
                """, null);

        assertThat(chat.messages()).hasSize(4);
        assertThat(chat.local(0)).isEqualTo("2025-12-31 22:15:00");
        assertThat(chat.local(2)).isEqualTo("2026-01-02 00:05:00");
        assertThat(chat.local(3)).isEqualTo("2026-01-02 12:30:00");
        assertThat(chat.senders()).containsExactly("John", "Mary", "John", "Mary");
    }

    @Test
    void iosBracketedWithSecondsAndDirectionMarks() {
        Imported chat = importChat("wa-ios", "Asia/Kolkata", """
                [05/03/2026, 14:02:11] Support Team: \u200eMessages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.
                [05/03/2026, 14:02:11] Priya: Hi, my order #4411 hasn't arrived
                \u200e[05/03/2026, 14:03:45] Priya: \u200e<attached: 00000012-PHOTO-2026-03-05-14-03-45.jpg>
                [05/03/2026, 14:05:00] Support Team: Sorry about that! Checking now
                [13/03/2026, 09:00:07] Priya: \u200eimage omitted
                """, "Support Team");

        assertThat(chat.messages()).hasSize(5);
        assertThat(chat.local(1)).isEqualTo("2026-03-05 14:02:11");
        assertThat(chat.local(4)).isEqualTo("2026-03-13 09:00:07"); // 13 settles day-first for the whole file
        assertThat(chat.local(2)).isEqualTo("2026-03-05 14:03:45");
        assertThat(chat.messages().get(0).getString("sender_type")).isEqualTo("system");
        assertThat(chat.messages().get(2).getString("message_type")).isEqualTo("image");
        assertThat(chat.messages().get(2).get("metadata", Document.class).getString("attachment"))
                .isEqualTo("00000012-PHOTO-2026-03-05-14-03-45.jpg");
        assertThat(chat.messages().get(3).getString("sender_type")).isEqualTo("agent");
        assertThat(chat.messages().get(4).getString("message_type")).isEqualTo("image");
    }

    @Test
    void groupChatWithMultiLineMessagesMediaAndSystemLines() {
        Imported chat = importChat("wa-group", "Asia/Dubai", """
                15/02/2026, 08:00 - Khalid created group "Branch managers"
                15/02/2026, 08:00 - Khalid added Noura
                15/02/2026, 08:01 - Khalid: Agenda for today:
                1. Stock count
                2. Ramadan hours

                Please confirm.
                15/02/2026, 08:02 - Noura: <Media omitted>
                15/02/2026, 08:03 - Omar: IMG-20260215-WA0003.jpg (file attached)
                15/02/2026, 08:04 - Noura: Confirmed ✅
                15/02/2026, 08:05 - Omar left
                """, null);

        assertThat(chat.messages()).hasSize(7);
        assertThat(chat.senders()).containsExactly("system", "system", "Khalid", "Noura", "Omar", "Noura", "system");
        assertThat(chat.messages().get(2).getString("content")).isEqualTo("Agenda for today:\n1. Stock count\n2. Ramadan hours\n\nPlease confirm.");
        assertThat(chat.messages().get(3).getString("message_type")).isEqualTo("unknown");
        assertThat(chat.messages().get(4).getString("message_type")).isEqualTo("image");
        assertThat(chat.messages().get(6).getString("content")).isEqualTo("Omar left");
        assertThat(chat.local(5)).isEqualTo("2026-02-15 08:04:00");
    }

    @Test
    void badLinesAreReportedAndTheRestImported() {
        Imported chat = importChat("wa-bad", "UTC", """
                this line comes before any message
                03/04/2026, 10:00 - Lina: First
                32/04/2026, 10:01 - Lina: impossible day
                03/04/2026, 10:02 - Lina: Third
                """, null);

        assertThat(chat.upload().getString("status")).isEqualTo("partial");
        assertThat(chat.messages()).extracting(m -> m.getString("content")).containsExactly("First", "Third");
        assertThat(chat.upload().getList("errors", Document.class)).extracting(e -> e.get("line", Number.class).intValue())
                .containsExactly(1, 3);
        assertThat(chat.upload().get("error_count", Number.class).longValue()).isEqualTo(2);
    }
}
