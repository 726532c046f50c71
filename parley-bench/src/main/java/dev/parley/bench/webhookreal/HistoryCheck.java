package dev.parley.bench.webhookreal;

import dev.parley.messages.MessageStatus;
import org.bson.Document;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * After the run, reads every message the run touched through the REST API
 * ({@code GET /api/v1/messages/{id}}) and compares it with what the acknowledged deliveries said:
 * every acknowledged status in the history once (nothing lost, nothing duplicated), the latest
 * status the highest-ranked one (no regression), inbound messages stored with their type, and
 * messages logged before keeping their content.
 */
final class HistoryCheck {

    /** What one outbound message must hold: acknowledged keys, and keys of deliveries answered otherwise (may or may not be in). */
    private static final class Expected {
        final Set<String> acknowledged = new HashSet<>();
        final Set<String> uncertain = new HashSet<>();
        String loggedContent;
        String expectedType;
        String from;
        boolean inbound;
        boolean inboundAcknowledged;
    }

    /** The tallies; every one but {@code messages} and {@code events} must be 0. */
    record Result(long messages, long events, long missingMessages, long lostEvents, long duplicatedEntries,
                  long regressions, long otherLatest, long unexpectedEntries, long wrongCounts, long wrongInbound,
                  long wrongLogged, List<String> examples) {

        long errors() {
            return missingMessages + lostEvents + duplicatedEntries + regressions + otherLatest + unexpectedEntries
                    + wrongCounts + wrongInbound + wrongLogged;
        }

        String note() {
            return String.format(Locale.ROOT, "every message read back through GET /api/v1/messages/{id}: %,d messages,"
                            + " %,d acknowledged events; missing messages %d, lost events %d, duplicated history entries %d,"
                            + " status regressions %d, other wrong latest status %d, unexpected history entries %d,"
                            + " wrong status_count %d, wrong inbound type/direction/conversation %d, logged content changed %d%s",
                    messages, events, missingMessages, lostEvents, duplicatedEntries, regressions, otherLatest,
                    unexpectedEntries, wrongCounts, wrongInbound, wrongLogged,
                    examples.isEmpty() ? "" : "; e.g. " + String.join(" | ", examples));
        }
    }

    private static final int READERS = 16;

    private final InetSocketAddress address;
    private final String apiKey;

    HistoryCheck(InetSocketAddress address, String apiKey) {
        this.address = address;
        this.apiKey = apiKey;
    }

    Result run(List<PhaseResult> phases) throws InterruptedException {
        Map<String, Expected> expected = expectations(phases);
        List<Map.Entry<String, Expected>> todo = new ArrayList<>(expected.entrySet());
        Tally tally = new Tally();
        AtomicInteger next = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            Thread reader = new Thread(() -> {
                try (HttpConnection connection = new HttpConnection(address)) {
                    int index;
                    while ((index = next.getAndIncrement()) < todo.size()) {
                        Map.Entry<String, Expected> entry = todo.get(index);
                        check(connection, entry.getKey(), entry.getValue(), tally);
                    }
                }
            }, "history-check-" + i);
            reader.start();
            readers.add(reader);
        }
        for (Thread reader : readers) {
            reader.join();
        }
        return tally.result();
    }

    private static Map<String, Expected> expectations(List<PhaseResult> phases) {
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (PhaseResult phase : phases) {
            if (phase.pool == null) {
                continue;
            }
            for (TrafficPool.LoggedMessage logged : phase.pool.loggedBefore()) {
                expected.computeIfAbsent(logged.messageId(), id -> new Expected()).loggedContent = logged.content();
            }
            List<Delivery> deliveries = phase.pool.deliveries();
            for (int i = 0; i < deliveries.size(); i++) {
                int outcome = phase.outcome(i);
                if (outcome == PhaseResult.NOT_SENT) {
                    continue;
                }
                Delivery delivery = deliveries.get(i);
                for (Delivery.StatusSent status : delivery.statuses()) {
                    Expected message = expected.computeIfAbsent(status.messageId(), id -> new Expected());
                    (outcome == PhaseResult.ACKNOWLEDGED ? message.acknowledged : message.uncertain).add(status.key());
                }
                for (Delivery.InboundSent inbound : delivery.inbound()) {
                    Expected message = expected.computeIfAbsent(inbound.messageId(), id -> new Expected());
                    message.inbound = true;
                    message.expectedType = inbound.expectedType();
                    message.from = inbound.from();
                    message.inboundAcknowledged |= outcome == PhaseResult.ACKNOWLEDGED;
                }
            }
        }
        return expected;
    }

    private void check(HttpConnection connection, String messageId, Expected expected, Tally tally) {
        boolean mustExist = !expected.acknowledged.isEmpty() || expected.loggedContent != null || expected.inboundAcknowledged;
        if (!mustExist) {
            return; // only deliveries answered otherwise touched it
        }
        tally.messages.increment();
        tally.events.add(expected.acknowledged.size() + (expected.inboundAcknowledged ? 1 : 0));
        Document message;
        try {
            HttpConnection.Response response = connection.exchange(HttpConnection.request("GET", "/api/v1/messages/" + messageId,
                    address.getHostString() + ":" + address.getPort(), new String[] {"X-API-Key", apiKey}, new byte[0]), true);
            if (response.status() == 404) {
                tally.missing(messageId, expected.acknowledged.size());
                return;
            }
            if (response.status() != 200) {
                tally.example(messageId + ": GET answered " + response.status());
                tally.missingMessages.increment();
                return;
            }
            message = Document.parse(response.text());
        } catch (IOException | RuntimeException e) {
            connection.close();
            tally.example(messageId + ": " + e.getMessage());
            tally.missingMessages.increment();
            return;
        }
        if (expected.inbound) {
            checkInbound(messageId, expected, message, tally);
        }
        if (expected.loggedContent != null && !expected.loggedContent.equals(message.getString("content"))) {
            tally.wrongLogged.increment();
            tally.example(messageId + ": logged content became " + message.get("content"));
        }
        checkStatuses(messageId, expected, message, tally);
    }

    private static void checkInbound(String messageId, Expected expected, Document message, Tally tally) {
        if (!expected.expectedType.equals(message.getString("message_type")) || !"inbound".equals(message.getString("direction"))
                || !expected.from.equals(message.getString("conversation_id"))) {
            tally.wrongInbound.increment();
            tally.example(messageId + ": stored as " + message.get("message_type") + "/" + message.get("direction")
                    + " in " + message.get("conversation_id") + ", expected " + expected.expectedType);
        }
    }

    private static void checkStatuses(String messageId, Expected expected, Document message, Tally tally) {
        List<Document> history = message.getList("status_history", Document.class, List.of());
        Map<String, Integer> seen = new HashMap<>();
        for (Document entry : history) {
            seen.merge(entry.getString("status") + "|" + epochSecond(entry.get("timestamp")), 1, Integer::sum);
        }
        seen.forEach((key, times) -> {
            if (times > 1) {
                tally.duplicatedEntries.add(times - 1);
                tally.example(messageId + ": " + key + " " + times + " times in history");
            }
            if (!expected.acknowledged.contains(key) && !expected.uncertain.contains(key)) {
                tally.unexpectedEntries.increment();
                tally.example(messageId + ": unexpected history entry " + key);
            }
        });
        for (String key : expected.acknowledged) {
            if (!seen.containsKey(key)) {
                tally.lostEvents.increment();
                tally.example(messageId + ": acknowledged " + key + " missing from history");
            }
        }
        if (message.get("status_count") instanceof Number count && count.intValue() != history.size()) {
            tally.wrongCounts.increment();
            tally.example(messageId + ": status_count " + count + " for " + history.size() + " entries");
        }
        if (expected.acknowledged.isEmpty()) {
            return;
        }
        int expectedRank = highestRank(expected.acknowledged);
        int actualRank = message.getString("status") == null ? -1 : MessageStatus.parse("status", message.getString("status")).rank();
        int possibleRank = Math.max(expectedRank, expected.uncertain.isEmpty() ? -1 : highestRank(expected.uncertain));
        if (actualRank < expectedRank) {
            tally.regressions.increment();
            tally.example(messageId + ": latest " + message.get("status") + " below acknowledged " + MessageStatus.values()[expectedRank].wire());
        } else if (actualRank != expectedRank && actualRank != possibleRank) {
            tally.otherLatest.increment();
            tally.example(messageId + ": latest " + message.get("status") + ", expected " + MessageStatus.values()[expectedRank].wire());
        }
    }

    private static int highestRank(Set<String> keys) {
        int best = -1;
        for (String key : keys) {
            best = Math.max(best, MessageStatus.parse("status", key.substring(0, key.indexOf('|'))).rank());
        }
        return best;
    }

    private static long epochSecond(Object timestamp) {
        if (timestamp instanceof Date date) {
            return date.toInstant().getEpochSecond();
        }
        return Instant.parse(timestamp.toString()).getEpochSecond();
    }

    /** Counters shared by the readers. */
    private static final class Tally {
        final LongAdder messages = new LongAdder();
        final LongAdder events = new LongAdder();
        final LongAdder missingMessages = new LongAdder();
        final LongAdder lostEvents = new LongAdder();
        final LongAdder duplicatedEntries = new LongAdder();
        final LongAdder regressions = new LongAdder();
        final LongAdder otherLatest = new LongAdder();
        final LongAdder unexpectedEntries = new LongAdder();
        final LongAdder wrongCounts = new LongAdder();
        final LongAdder wrongInbound = new LongAdder();
        final LongAdder wrongLogged = new LongAdder();
        private final List<String> examples = new ArrayList<>();

        void missing(String messageId, int events) {
            missingMessages.increment();
            lostEvents.add(events);
            example(messageId + ": not found");
        }

        synchronized void example(String what) {
            if (examples.size() < 5) {
                examples.add(what);
            }
        }

        synchronized Result result() {
            return new Result(messages.sum(), events.sum(), missingMessages.sum(), lostEvents.sum(), duplicatedEntries.sum(),
                    regressions.sum(), otherLatest.sum(), unexpectedEntries.sum(), wrongCounts.sum(), wrongInbound.sum(),
                    wrongLogged.sum(), List.copyOf(examples));
        }
    }
}
