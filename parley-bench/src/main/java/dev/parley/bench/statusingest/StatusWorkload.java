package dev.parley.bench.statusingest;

import dev.parley.bench.MessageDocuments;
import dev.parley.messages.MessageStatus;
import dev.parley.messages.StatusEvent;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What both paths ingest: {@code messages} outbound WhatsApp-like messages of one tenant, and for
 * each its sent, delivered and read events, shuffled (webhooks arrive out of order) and cut into
 * webhook payloads of 1 to 10 events. Built once, so both paths see the same events in the same order.
 */
final class StatusWorkload {

    static final String TENANT = "bench";
    static final int CONVERSATIONS = 500;
    static final int EVENTS_PER_MESSAGE = 3;
    static final int MAX_PAYLOAD = 10;

    private static final Instant FIRST_SENT = Instant.parse("2025-01-01T00:00:00Z");
    // whole seconds apart: events are deduplicated on status + timestamp second + execution id (seed 002)
    private static final Duration DELIVERED_AFTER = Duration.ofSeconds(3);
    private static final Duration READ_AFTER = Duration.ofSeconds(7);

    private final int messages;
    private final List<List<StatusEvent>> payloads;

    private StatusWorkload(int messages, List<List<StatusEvent>> payloads) {
        this.messages = messages;
        this.payloads = payloads;
    }

    static StatusWorkload create(int messages, long seed) {
        Random random = new Random(seed);
        List<StatusEvent> events = new ArrayList<>(messages * EVENTS_PER_MESSAGE);
        for (int n = 0; n < messages; n++) {
            Instant sent = FIRST_SENT.plusSeconds(10L * n);
            events.add(event(n, MessageStatus.SENT, sent));
            events.add(event(n, MessageStatus.DELIVERED, sent.plus(DELIVERED_AFTER)));
            events.add(event(n, MessageStatus.READ, sent.plus(READ_AFTER)));
        }
        Collections.shuffle(events, random);
        List<List<StatusEvent>> payloads = new ArrayList<>();
        for (int from = 0; from < events.size(); ) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(MAX_PAYLOAD));
            payloads.add(List.copyOf(events.subList(from, to)));
            from = to;
        }
        return new StatusWorkload(messages, List.copyOf(payloads));
    }

    private static StatusEvent event(int n, MessageStatus status, Instant at) {
        return new StatusEvent(messageId(n), status, at, null, conversationId(n), "webhook", null, false);
    }

    static String messageId(int n) {
        return "wamid." + n;
    }

    static String conversationId(int n) {
        return "conv-" + n % CONVERSATIONS;
    }

    /** Message {@code n} as a client logs it. */
    static Document message(int n) {
        return new Document("message_id", messageId(n))
                .append("conversation_id", conversationId(n))
                .append("direction", "outbound")
                .append("content", MessageDocuments.sentence());
    }

    int messages() {
        return messages;
    }

    int events() {
        return messages * EVENTS_PER_MESSAGE;
    }

    List<List<StatusEvent>> payloads() {
        return payloads;
    }

    double meanPayload() {
        return events() / (double) payloads.size();
    }
}
