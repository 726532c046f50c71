package dev.parley.scans;

import java.util.List;

/**
 * What a scan found.
 *
 * @param messages   the selected messages, newest first
 * @param executions n8n executions (or file lines) read
 * @param statuses   distinct status events read, selected or not
 * @param skipped    status objects left out (untracked status such as {@code warning}, unreadable time)
 */
public record ScanResult(String source, List<ScannedMessage> messages, int pages, int executions, int statuses, int skipped) {

    public int selectedStatuses() {
        return messages.stream().mapToInt(m -> m.events().size()).sum();
    }
}
