package dev.parley.webhooks;

import dev.parley.meters.ParleyMeters;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One provider's deliveries that name no registered number or account: charged to the intake's
 * budgets, stored bounded ({@link RawWebhooks#storeUnrouted}), metered
 * ({@code parley_webhook_unrouted_total{provider,outcome}}: stored, truncated, dropped) and logged
 * at most once a minute with counts.
 *
 * <p>A delivery over budget is still answered 200, and dropped. Meta retries every non-2xx answer
 * with backoff for up to seven days, so a 429 would multiply the traffic of a number that is
 * merely not registered yet, and would tell a flooder nothing it needs: the budget exists to bound
 * what is kept, which dropping does. The answer says {@code dropped}; the counter shows it.
 */
final class UnroutedDeliveries {

    private static final Logger log = LoggerFactory.getLogger(UnroutedDeliveries.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Unknown ids a delivery is charged for and stored with; a payload naming more is charged for these. */
    static final int MAX_IDS = 10;
    static final int MAX_ID_LENGTH = 64;

    private final String provider;
    private final String idName;
    private final RawWebhooks raw;
    private final LongAdder stored = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong nextLog = new AtomicLong(System.nanoTime());

    /** @param idName what the unknown id is, for problems and logs ({@code phone_number_id}, {@code AccountSid}) */
    UnroutedDeliveries(String provider, String idName, RawWebhooks raw) {
        this.provider = provider;
        this.idName = idName;
        this.raw = raw;
    }

    /** Stores the delivery if its budgets allow, durably; the receipt to answer with either way. */
    WhatsAppWebhook.Receipt accept(byte[] body, String signature, List<String> unknownIds, UnroutedIntake intake) {
        List<String> ids = bounded(unknownIds);
        List<String> problems = new ArrayList<>();
        ids.forEach(id -> problems.add("unrouted " + idName + " " + id));
        if (unknownIds.size() > ids.size()) {
            problems.add("and " + (unknownIds.size() - ids.size()) + " more unrouted " + idName + "s");
        }
        if (!intake.admit(provider, ids)) {
            dropped.increment();
            ParleyMeters.unroutedWebhook(provider, "dropped");
            report(intake, ids);
            problems.add("not stored: unrouted deliveries from this sender or for this " + idName + " are over budget");
            return new WhatsAppWebhook.Receipt(200, "dropped", null, 0, 0, problems);
        }
        RawWebhooks.UnroutedRecord record = raw.storeUnrouted(provider, body, signature,
                new Document("messages", 0).append("statuses", 0).append("problems", problems), intake);
        raw.awaitDurable();
        stored.increment();
        ParleyMeters.unroutedWebhook(provider, record.truncated() ? "truncated" : "stored");
        if (record.evicted()) {
            ParleyMeters.unroutedWebhookEvicted(provider);
        }
        report(intake, ids);
        return new WhatsAppWebhook.Receipt(200, "ok", record.id(), 0, 0, problems);
    }

    /** At most {@link #MAX_IDS} distinct ids, each cut to {@link #MAX_ID_LENGTH} characters ("none" for a missing one). */
    private static List<String> bounded(List<String> unknownIds) {
        return unknownIds.stream().map(id -> id == null ? "none" : id.length() > MAX_ID_LENGTH ? id.substring(0, MAX_ID_LENGTH) : id)
                .distinct().limit(MAX_IDS).toList();
    }

    /** One line a minute at most, whatever the rate of deliveries: a flood must not fill the log instead. */
    private void report(UnroutedIntake intake, List<String> ids) {
        long due = nextLog.get();
        long now = System.nanoTime();
        if (now - due >= 0 && nextLog.compareAndSet(due, now + LOG_EVERY_NANOS)) {
            log.warn("unrouted {} webhook deliveries since the last report: {} stored, {} dropped over budget;"
                            + " the latest from {} naming {} {}", provider, stored.sumThenReset(), dropped.sumThenReset(),
                    intake.source(), idName, ids);
        }
    }
}
