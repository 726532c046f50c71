package dev.parley.bench.webhookreal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The deliveries of one phase, in the order they are sent, shaped like Meta's real traffic: each
 * outbound message's statuses (sent, then delivered or failed, then mostly read) are shuffled
 * across the whole phase and cut into deliveries of mostly one status (some of 2-5, a few of up to
 * 50), so a message's statuses arrive in separate, concurrent deliveries, out of order; inbound
 * messages of every type are mixed in; and a share of the deliveries is sent again a little later
 * (Meta's retries). Built once, up front.
 *
 * @param loggedBefore messages logged through the API before the phase (ids), with their recipient
 */
record TrafficPool(String name, List<Delivery> deliveries, List<LoggedMessage> loggedBefore) {

    /** An outbound message a client logged before its statuses came. */
    record LoggedMessage(String messageId, String recipient, String content) {
    }

    /** How a pool is cut: sizes of deliveries and the shares of inbound, retries and pre-logged messages. */
    record Shape(boolean singlesOnly, double inboundShare, double retryShare, double loggedShare) {

        /** The realistic mix: 1 status (72 %), 2-5 (22 %), 6-50 (6 %); 10 % inbound, 10 % retries, 30 % logged before. */
        static final Shape REAL = new Shape(false, 0.10, 0.10, 0.30);
        /** Single-status deliveries for messages never seen, with 10 % retries. */
        static final Shape SINGLES = new Shape(true, 0.0, 0.10, 0.0);
    }

    static final double STATUSES_PER_MESSAGE = 2.78; // sent + delivered|failed + read for 80 %
    static final int RECIPIENTS = 10_000;
    private static final int RETRY_WITHIN = 200; // deliveries later

    static TrafficPool build(String name, int messages, Shape shape, MetaPayloads payloads, long seed) {
        Random random = new Random(seed);
        long firstSent = System.currentTimeMillis() / 1000 - 3_600;
        List<Delivery.StatusSent> events = new ArrayList<>();
        List<LoggedMessage> logged = new ArrayList<>();
        for (int n = 0; n < messages; n++) {
            String id = messageId(name, n);
            long sent = firstSent + n / 20;
            events.add(new Delivery.StatusSent(id, "sent", sent));
            if (random.nextInt(100) < 3) {
                events.add(new Delivery.StatusSent(id, "failed", sent + 1 + random.nextInt(5)));
            } else {
                long delivered = sent + 1 + random.nextInt(5);
                events.add(new Delivery.StatusSent(id, "delivered", delivered));
                if (random.nextInt(100) < 80) {
                    events.add(new Delivery.StatusSent(id, "read", delivered + 1 + random.nextInt(120)));
                }
            }
            if (random.nextDouble() < shape.loggedShare()) {
                logged.add(new LoggedMessage(id, recipient(id), Words.sentence(random)));
            }
        }
        Collections.shuffle(events, random);
        List<Delivery> deliveries = new ArrayList<>();
        for (int from = 0; from < events.size(); ) {
            int to = Math.min(events.size(), from + size(shape, random));
            List<Delivery.StatusSent> part = List.copyOf(events.subList(from, to));
            List<String> recipients = part.stream().map(e -> recipient(e.messageId())).toList();
            deliveries.add(new Delivery(payloads.statusRequest(part, recipients, true), part, List.of(), false));
            from = to;
        }
        addInbound(name, deliveries, shape, payloads, random, firstSent);
        return new TrafficPool(name, addRetries(deliveries, shape.retryShare(), random), List.copyOf(logged));
    }

    /** Deliveries refused at the signature check: valid JSON naming the registered number, wrong signature. */
    static List<byte[]> badlySigned(int count, MetaPayloads payloads) {
        List<byte[]> requests = new ArrayList<>(count);
        long now = System.currentTimeMillis() / 1000;
        for (int n = 0; n < count; n++) {
            String id = messageId("refused", n);
            requests.add(payloads.statusRequest(List.of(new Delivery.StatusSent(id, "delivered", now)),
                    List.of(recipient(id)), false));
        }
        return requests;
    }

    private static int size(Shape shape, Random random) {
        if (shape.singlesOnly()) {
            return 1;
        }
        int roll = random.nextInt(100);
        if (roll < 72) {
            return 1;
        }
        return roll < 94 ? 2 + random.nextInt(4) : 6 + random.nextInt(45);
    }

    /** Inbound deliveries (one message each) at random places, {@code inboundShare} of all deliveries. */
    private static void addInbound(String name, List<Delivery> deliveries, Shape shape, MetaPayloads payloads, Random random,
                                   long firstSent) {
        if (shape.inboundShare() <= 0) {
            return;
        }
        int count = (int) Math.round(deliveries.size() * shape.inboundShare() / (1 - shape.inboundShare()));
        for (int n = 0; n < count; n++) {
            String id = "wamid.HBgLIN" + name + "." + n;
            String from = Long.toString(16_505_550_000L + random.nextInt(RECIPIENTS));
            String kind = InboundMessages.KINDS.get(n % InboundMessages.KINDS.size());
            InboundMessages.Made made = InboundMessages.make(kind, id, from, firstSent + n / 20, random);
            Delivery delivery = new Delivery(payloads.inboundRequest(from, "Customer " + from.substring(7), made.json()),
                    List.of(), List.of(new Delivery.InboundSent(id, from, made.expectedType())), false);
            deliveries.add(random.nextInt(deliveries.size() + 1), delivery);
        }
    }

    /** Every delivery picked for a retry is sent again up to {@value #RETRY_WITHIN} deliveries later. */
    private static List<Delivery> addRetries(List<Delivery> deliveries, double share, Random random) {
        List<List<Delivery>> slots = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            List<Delivery> slot = new ArrayList<>(1);
            slot.add(delivery);
            slots.add(slot);
        }
        for (int i = 0; i < deliveries.size(); i++) {
            if (random.nextDouble() < share) {
                int later = Math.min(deliveries.size() - 1, i + 1 + random.nextInt(RETRY_WITHIN));
                slots.get(later).add(deliveries.get(i).asRetry());
            }
        }
        List<Delivery> all = new ArrayList<>((int) (deliveries.size() * (1 + share)) + 1);
        slots.forEach(all::addAll);
        return List.copyOf(all);
    }

    /** A wamid-like id, unique per pool. */
    static String messageId(String pool, int n) {
        return "wamid.HBgLMTY1MDU1NTA" + pool + "." + n;
    }

    /** Meta's recipient_id: the customer's number, which Parley takes as the conversation. */
    static String recipient(String messageId) {
        return Long.toString(16_505_550_000L + Math.floorMod(messageId.hashCode(), RECIPIENTS));
    }

    /** How many messages give about {@code events} status events. */
    static int messagesFor(long events) {
        return (int) Math.max(10, Math.ceil(events / STATUSES_PER_MESSAGE));
    }

    long events() {
        return deliveries.stream().mapToLong(Delivery::events).sum();
    }
}
