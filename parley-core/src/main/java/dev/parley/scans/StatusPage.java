package dev.parley.scans;

import dev.parley.messages.StatusEvent;

import java.time.Instant;
import java.util.List;

/**
 * One page a source read: its status events and how far back in time it reached.
 *
 * @param executions   n8n executions (or file lines) the page held
 * @param skipped      status objects left out: a status Parley does not track (Meta's {@code warning})
 *                     or an unreadable time
 * @param oldestRunAt  start of the oldest execution on the page; {@code null} when the source has no
 *                     order in time (a file). A status is always older than the run that reported it,
 *                     so a page whose runs are all older than {@code --since} ends the scan.
 */
public record StatusPage(List<StatusEvent> events, int executions, int skipped, Instant oldestRunAt) {
}
