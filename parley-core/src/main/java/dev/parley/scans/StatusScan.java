package dev.parley.scans;

import dev.parley.messages.Messages;
import dev.parley.messages.StatusEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Seed 002's scan: reads a source, deduplicates its status events, selects messages by
 * conversation, message, {@code --since} and {@code --max-messages} (newest first), and saves them
 * on request with seed 002's upsert rules ({@link #save}).
 *
 * <p>Reading stops early where more pages cannot change the answer: once a page's runs are all
 * older than {@code --since}, or once enough messages are selected and a page added nothing to
 * them (their earlier statuses are in the pages just read, as WhatsApp reports a message's
 * statuses within moments of each other).
 */
public final class StatusScan {

    /** Leeway for clocks: n8n's run times and Meta's status times come from different machines. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final ScanFilter filter;

    public StatusScan(ScanFilter filter) {
        this.filter = filter;
    }

    /**
     * @param progress told about each page from the second on, for long scans
     * @throws ScanException when the source cannot be read
     */
    public ScanResult run(StatusSource source, Consumer<String> progress) {
        Map<String, List<StatusEvent>> byMessage = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Tally tally = new Tally();
        source.read(page -> {
            Set<String> selectedBefore = new HashSet<>();
            if (filter.limit() > 0) { // without a limit every page may matter, so nothing is settled
                selected(byMessage).forEach(m -> selectedBefore.add(m.messageId()));
            }
            boolean addedToSelected = false;
            for (StatusEvent event : page.events()) {
                if (filter.messageId() != null && !filter.messageId().equals(event.messageId())) {
                    continue;
                }
                if (seen.add(key(event))) {
                    byMessage.computeIfAbsent(event.messageId(), id -> new ArrayList<>()).add(event);
                    tally.statuses++;
                    addedToSelected |= selectedBefore.contains(event.messageId());
                }
            }
            tally.pages++;
            tally.executions += page.executions();
            tally.skipped += page.skipped();
            if (tally.pages > 1) {
                progress.accept(String.format("read %d pages: %d executions, %d statuses, %d messages", tally.pages,
                        tally.executions, tally.statuses, byMessage.size()));
            }
            boolean pastSince = filter.since() != null && page.oldestRunAt() != null
                    && page.oldestRunAt().isBefore(filter.since().minus(CLOCK_SKEW));
            boolean settled = filter.limit() > 0 && selectedBefore.size() >= filter.limit() && !addedToSelected;
            return !pastSince && !settled;
        });
        return new ScanResult(source.name(), selected(byMessage), tally.pages, tally.executions, tally.statuses, tally.skipped);
    }

    /** Counts kept while pages arrive. */
    private static final class Tally {
        int pages;
        int executions;
        int statuses;
        int skipped;
    }

    /** The selected messages, newest first. */
    private List<ScannedMessage> selected(Map<String, List<StatusEvent>> byMessage) {
        List<ScannedMessage> found = new ArrayList<>();
        byMessage.forEach((id, events) -> {
            ScannedMessage message = new ScannedMessage(id, events);
            if (filter.matches(message)) {
                found.add(message);
            }
        });
        return found.stream()
                .sorted(Comparator.comparing(ScannedMessage::newestAt).reversed().thenComparing(ScannedMessage::messageId))
                .limit(filter.limit() == 0 ? Long.MAX_VALUE : filter.limit())
                .toList();
    }

    /** Seed 002's duplicate key: status + timestamp + execution id (per message). */
    static String key(StatusEvent event) {
        return event.messageId() + "|" + event.status().wire() + "|" + event.timestamp().getEpochSecond() + "|"
                + Objects.toString(event.executionId(), "");
    }

    /**
     * Records the selected messages' events as scan events: a new message is inserted, a changed
     * one gets its new history and latest status, an unchanged one only {@code last_scanned_at}.
     *
     * @return the number of events recorded
     */
    public static int save(Messages messages, ScanResult result) {
        return save(messages, result, saved -> { });
    }

    /** As {@link #save(Messages, ScanResult)}, telling {@code progress} how many events are saved after each batch. */
    public static int save(Messages messages, ScanResult result, IntConsumer progress) {
        List<StatusEvent> events = new ArrayList<>();
        result.messages().forEach(m -> events.addAll(m.events()));
        for (int from = 0; from < events.size(); from += Messages.MAX_BATCH) {
            int to = Math.min(events.size(), from + Messages.MAX_BATCH);
            messages.recordStatuses(events.subList(from, to));
            progress.accept(to);
        }
        return events.size();
    }
}
