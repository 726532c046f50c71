package dev.parley.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23: iOS marks system events with U+200E after a "sender" (the creator, or the group's own
 * name), and some files switch between Android and iOS lines, as public parsers' test suites have.
 */
class WhatsAppExportFormatsTest {

    private static final String LRM = "\u200e";

    @TempDir
    Path dir;

    private List<WhatsAppExport.ChatMessage> read(String text, LineErrors errors) throws IOException {
        Path file = dir.resolve("chat.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<WhatsAppExport.ChatMessage> messages = new ArrayList<>();
        WhatsAppExport.read(file, messages::add, errors);
        return messages;
    }

    @Test
    void iosEventsMarkedWithALeftToRightMarkAreSystemMessagesNotTheSendersWords() throws IOException {
        LineErrors errors = new LineErrors();
        List<WhatsAppExport.ChatMessage> messages = read(String.join("\n",
                "[03/02/2024, 09:15:07] Family Trip: " + LRM + "Messages and calls are end-to-end encrypted. No one outside of this chat can read them.",
                "[03/02/2024, 09:15:07] Sam: " + LRM + "Sam created this group",
                "[03/02/2024, 09:15:08] Sam: " + LRM + "Sam added Lina",
                "[03/02/2024, 09:16:00] Sam: hello everyone",
                "[03/02/2024, 09:16:30] Lina: " + LRM + "image omitted",
                "[03/02/2024, 09:17:00] Lina: " + LRM + "<attached: 00000012-PHOTO-2024-02-03-09-17-00.jpg>"), errors);
        assertThat(messages).extracting(WhatsAppExport.ChatMessage::sender).containsExactly(null, null, null, "Sam", "Lina", "Lina");
        assertThat(messages).extracting(WhatsAppExport.ChatMessage::messageType)
                .containsExactly("system", "system", "system", "text", "image", "image");
        assertThat(messages.get(1).text()).isEqualTo("Sam created this group");
        assertThat(messages.get(3).text()).isEqualTo("hello everyone");
        assertThat(errors.count()).isZero();
    }

    @Test
    void aFileThatSwitchesBetweenAndroidAndIosLinesImportsEveryLine() throws IOException {
        LineErrors errors = new LineErrors();
        List<WhatsAppExport.ChatMessage> messages = read(String.join("\n",
                "3/2/24, 9:15 AM - Sam: android, month first",
                "[03/02/2024, 09:16:07] Lina: ios, day first",
                "3/2/24, 9:17 AM - Sam: back on android",
                "continued on a second line",
                "[15/02/2024, 10:00:00] Lina: the 15th settles iOS as day-first",
                "12/25/24, 8:00 PM - Sam: the 25th settles Android as month-first"), errors);
        assertThat(errors.count()).isZero();
        assertThat(messages).hasSize(5);
        assertThat(messages).extracting(WhatsAppExport.ChatMessage::at).containsExactly(
                LocalDateTime.of(2024, 3, 2, 9, 15), LocalDateTime.of(2024, 2, 3, 9, 16, 7), LocalDateTime.of(2024, 3, 2, 9, 17),
                LocalDateTime.of(2024, 2, 15, 10, 0), LocalDateTime.of(2024, 12, 25, 20, 0));
        assertThat(messages.get(2).text()).isEqualTo("back on android\ncontinued on a second line");
    }
}
