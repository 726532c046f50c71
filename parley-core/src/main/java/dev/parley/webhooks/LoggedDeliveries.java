package dev.parley.webhooks;

import dev.parley.store.StoreUnavailableException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import org.bson.BsonBinaryReader;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live WhatsApp deliveries acknowledged once logged, applied right after. A delivery is checked,
 * routed and mapped on its request thread as before; then its raw record is appended to a
 * {@link DeliveryLog} and the answer waits only for that log's shared {@code fsync}. One applier
 * thread writes what is queued (up to {@value #ROUND} deliveries a round) through the message
 * writer's group commit: a round's reads by key, commits and fsyncs are shared by all of its
 * deliveries, however few senders there are, and no answer waits for them. (One thread: a second
 * one, writing a round while the other is flushed, measured no faster; the embedded server
 * serialises the writes anyway.)
 *
 * <p>Nothing acknowledged is lost: the log is the delivery's durable copy until the store has its
 * effects; after a crash, {@link #LoggedDeliveries} applies what the log kept again (applying is
 * idempotent: the raw record is replaced by its id, statuses and messages deduplicate). Reads that
 * must see every acknowledged delivery call {@link #awaitApplied} first. What waits to be applied
 * is bounded ({@code maxUnappliedBytes} of raw records); when it is full, new deliveries wait for
 * room, and are refused (503, retried by Meta) after 30 s.
 */
public final class LoggedDeliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoggedDeliveries.class);
    static final int ROUND = 1_000;
    private static final int KIB = 1_024;
    private static final long ROOM_WAIT_MS = 30_000;
    private static final int GIVE_UP_AFTER = 5;

    private record Item(long seq, WhatsAppWebhook.Delivery delivery, int kib) {
    }

    private final WhatsAppWebhook webhook;
    private final DeliveryLog deliveryLog;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final AtomicLong applied = new AtomicLong();
    private final Object appliedChanged = new Object();
    private final Thread applier;
    private volatile boolean running = true;

    LoggedDeliveries(WhatsAppWebhook webhook, DeliveryLog deliveryLog, long maxUnappliedBytes) {
        this.webhook = webhook;
        this.deliveryLog = deliveryLog;
        this.room = new Semaphore((int) Math.max(1, Math.min(Integer.MAX_VALUE, maxUnappliedBytes / KIB)));
        recover();
        Gauge.builder("parley.webhooks.unapplied", this, LoggedDeliveries::unapplied)
                .description("deliveries acknowledged and logged, not yet applied to the store")
                .register(Metrics.globalRegistry);
        this.applier = new Thread(this::applyWhileRunning, "parley-delivery-applier");
        applier.setDaemon(true);
        applier.start();
    }

    /**
     * Logs {@code delivery} and returns once the log is durable; the applier writes it to the
     * store soon after. Throws {@link StoreUnavailableException} when it cannot be logged.
     */
    void accept(WhatsAppWebhook.Delivery delivery) {
        if (!running) {
            throw new StoreUnavailableException("the delivery log is closed", null);
        }
        byte[] bytes = encode(delivery.record().record());
        int kib = Math.max(1, bytes.length / KIB);
        try {
            if (!room.tryAcquire(kib, ROOM_WAIT_MS, TimeUnit.MILLISECONDS)) {
                throw new StoreUnavailableException("too many deliveries wait to be applied; try again", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for room in the delivery log", e);
        }
        long seq;
        try {
            seq = deliveryLog.append(bytes, s -> queue.add(new Item(s, delivery, kib)));
        } catch (RuntimeException e) {
            room.release(kib);
            throw e;
        }
        deliveryLog.awaitDurable(seq);
    }

    /**
     * Waits until every delivery acknowledged before the call is applied, at most {@code timeout};
     * returns whether it is.
     */
    public boolean awaitApplied(Duration timeout) {
        long target = deliveryLog.lastAppended();
        if (applied.get() >= target) {
            return true; // every API request asks: no lock when nothing waits
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (appliedChanged) {
            while (applied.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running && queue.isEmpty()) {
                    return applied.get() >= target;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(appliedChanged, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Deliveries logged and not yet applied. */
    public long unapplied() {
        return deliveryLog.lastAppended() - applied.get();
    }

    /** Stops taking deliveries, applies what is queued (up to 60 s), then closes the log. */
    @Override
    public void close() {
        running = false;
        try {
            applier.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliveryLog.close();
    }

    /** Applies what a previous run logged and did not mark applied, before anything new is taken. */
    private void recover() {
        List<DeliveryLog.Unapplied> kept = deliveryLog.unapplied();
        if (kept.isEmpty()) {
            applied.set(deliveryLog.lastAppended());
            return;
        }
        log.info("applying {} logged deliveries a previous run had not applied", kept.size());
        List<Item> round = new ArrayList<>();
        for (DeliveryLog.Unapplied record : kept) {
            round.add(new Item(record.seq(), webhook.recover(decode(record.bytes())), 0));
            if (round.size() == ROUND) {
                apply(round);
                round.clear();
            }
        }
        if (!round.isEmpty()) {
            apply(round);
        }
        applied.set(deliveryLog.lastAppended());
    }

    /**
     * Takes rounds off the queue and applies them. A round that fails as a whole is tried again
     * after a pause, never skipped: the applied mark only moves past rounds the store has; at
     * shutdown it stays in the log for the next start.
     */
    private void applyWhileRunning() {
        List<Item> round = new ArrayList<>();
        for (int failures = 0; running || !queue.isEmpty() || !round.isEmpty(); ) {
            try {
                if (round.isEmpty()) {
                    Item first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    round.add(first);
                    queue.drainTo(round, ROUND - 1);
                }
                apply(round);
                round = new ArrayList<>();
                failures = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    log.warn("{} deliveries left to apply at the next start: {}", round.size() + queue.size(), e.getMessage());
                    return;
                }
                log.error("applying {} logged deliveries failed; trying again", round.size(), e);
                pause(++failures);
            }
        }
    }

    /**
     * Writes a round; a delivery that fails is tried again, with a growing pause, for as long as
     * the store is unavailable (while running), and at most {@value #GIVE_UP_AFTER} times for any
     * other failure, after which its body is kept with the error as its outcome, for a replay.
     */
    private void apply(List<Item> round) {
        List<Item> pending = round;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<RuntimeException> failures = webhook.writeAll(pending.stream().map(Item::delivery).toList());
            List<Item> failed = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                RuntimeException failure = failures.get(i);
                if (failure == null) {
                    continue;
                }
                if (failure instanceof StoreUnavailableException ? running : attempt < GIVE_UP_AFTER) {
                    failed.add(pending.get(i));
                } else if (!(failure instanceof StoreUnavailableException)) {
                    log.warn("a logged delivery could not be applied: {}", failure.getMessage());
                    webhook.storeFailed(pending.get(i).delivery(), failure);
                } else {
                    throw failure; // shutting down with the store unavailable: the log keeps the round
                }
            }
            pending = failed;
            if (!pending.isEmpty()) {
                pause(attempt);
            }
        }
        long last = round.get(round.size() - 1).seq();
        deliveryLog.applied(last);
        synchronized (appliedChanged) {
            applied.set(last);
            appliedChanged.notifyAll();
        }
        room.release(round.stream().mapToInt(Item::kib).sum());
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1_000, 10L << Math.min(attempt, 7)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] encode(Document record) {
        RawBsonDocument raw = new RawBsonDocument(record, new DocumentCodec());
        ByteBuffer buffer = raw.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static Document decode(byte[] bytes) {
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
            return new DocumentCodec().decode(reader, DecoderContext.builder().build());
        }
    }
}
