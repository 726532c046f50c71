package dev.parley.server.cli;

import dev.parley.messages.StatusEvent;
import dev.parley.scans.ScanResult;
import dev.parley.scans.ScannedMessage;
import org.bson.Document;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A scan as people read it: one row per message (list mode), or one message's full history (track mode). */
final class StatusesTable {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final PrintStream out;
    private final ZoneId zone;

    StatusesTable(PrintStream out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    void list(ScanResult result) {
        if (result.messages().isEmpty()) {
            out.println("no WhatsApp statuses found");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"MESSAGE_ID", "RECIPIENT", "STATUS", "TIME (" + zone.getId() + ")", "HISTORY"});
            for (ScannedMessage message : result.messages()) {
                StatusEvent latest = message.latest();
                rows.add(new String[] {message.messageId(), Objects.toString(message.conversationId(), "-"),
                        latest.status().wire(), format(latest.timestamp()), history(message)});
            }
            printColumns(rows);
        }
        summary(result);
    }

    void track(ScanResult result, String conversationId, String messageId) {
        if (result.messages().isEmpty()) {
            out.println("no statuses found for message " + messageId + " of conversation " + conversationId);
            summary(result);
            return;
        }
        ScannedMessage message = result.messages().get(0);
        StatusEvent latest = message.latest();
        out.println("message    " + message.messageId());
        out.println("recipient  " + Objects.toString(message.conversationId(), "-"));
        if (message.workflowId() != null) {
            out.println("workflow   " + message.workflowId());
        }
        out.println("latest     " + latest.status().wire() + " at " + format(latest.timestamp()) + " (" + zone.getId() + ")");
        out.println("history    " + message.events().size() + (message.events().size() == 1 ? " status" : " statuses"));
        List<String[]> rows = new ArrayList<>();
        for (StatusEvent event : message.events()) {
            rows.add(new String[] {"  " + format(event.timestamp()), event.status().wire(),
                    event.executionId() == null ? "" : "execution " + event.executionId(), error(event.error())});
        }
        printColumns(rows);
        summary(result);
    }

    private void summary(ScanResult result) {
        String unit = result.source().equals("jsonl") ? "lines" : "executions";
        out.printf("%d %s (%d %s) from %d %s %s%s%n", result.messages().size(),
                result.messages().size() == 1 ? "message" : "messages", result.selectedStatuses(),
                result.selectedStatuses() == 1 ? "status" : "statuses", result.executions(),
                result.source(), unit, result.skipped() == 0 ? ""
                        : "; skipped " + result.skipped() + " status " + (result.skipped() == 1 ? "object" : "objects")
                        + " (untracked status or unreadable time)");
    }

    /** {@code sent 18:01 -> delivered 18:01 -> read 18:02}; a date only where the day differs from the latest's. */
    private String history(ScannedMessage message) {
        ZonedDateTime latest = message.latest().timestamp().atZone(zone);
        List<String> steps = new ArrayList<>();
        for (StatusEvent event : message.events()) {
            ZonedDateTime at = event.timestamp().atZone(zone);
            steps.add(event.status().wire() + " " + (at.toLocalDate().equals(latest.toLocalDate()) ? TIME : DAY_TIME).format(at));
        }
        return String.join(" -> ", steps);
    }

    private static String error(Document error) {
        if (error == null) {
            return "";
        }
        return "error " + Objects.toString(error.get("code"), "") + " " + Objects.toString(error.get("title"), "");
    }

    private String format(Instant at) {
        return FULL.format(at.atZone(zone));
    }

    private void printColumns(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
