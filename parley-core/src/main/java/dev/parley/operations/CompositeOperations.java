package dev.parley.operations;

import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import dev.parley.store.IndexSpec;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Function;

/**
 * Seed 000's batch operations ({@code log_campaign_execution}, {@code log_conversation_closed}):
 * an audit entry, a metric and an event (and, for a closed conversation, the conversation's end),
 * all-or-nothing from the caller's view without transactions. Each step is idempotent under the
 * operation's idempotency key: the metric and the event get ids derived from it, the audit entry
 * is marked with it, and an {@link OperationRecords operation record} says which steps are done.
 * A retry with the same key after a crash anywhere completes the missing steps and duplicates none.
 */
public final class CompositeOperations {

    /** Where operation records are kept (an erasure redacts them). */
    public static final String RECORDS = OperationRecords.COLLECTION;
    private static final String CAMPAIGN = "campaign_execution";
    private static final String CLOSE = "conversation_closed";

    private final OperationSteps steps;
    private final OperationRecords records;
    private final StepListener listener;

    /** The operations recorded in the tenant's {@code records}, written through {@code steps}. */
    public CompositeOperations(ScopedCollection records, OperationSteps steps, MongoStore store, Clock clock) {
        this(steps, new OperationRecords(records, store, clock), StepListener.NONE);
    }

    private CompositeOperations(OperationSteps steps, OperationRecords records, StepListener listener) {
        this.steps = steps;
        this.records = records;
        this.listener = listener;
    }

    /** The same operations, telling {@code listener} after each step is written (tests fail there, as a crash would). */
    public CompositeOperations afterEachStep(StepListener listener) {
        return new CompositeOperations(steps, records, listener);
    }

    public static List<IndexSpec> indexes() {
        return OperationRecords.indexes();
    }

    /** The ids the operation wrote, and whether this call did it ({@code replayed}: an earlier call with the same key did). */
    public record Outcome(Document result, boolean replayed) {
    }

    /**
     * {@code log_campaign_execution(user_id, campaign_id, contacts_count, ip_address)}: audit
     * ({@code execute} on the campaign), metric {@code campaigns_executed} (value: contacts), event
     * {@code CampaignExecuted}; returns {@code {audit_id, metric_id, event_id}}.
     */
    public Outcome logCampaignExecution(String campaignId, Document input, String idempotencyKey) {
        Document in = InputFields.canonical(input, Map.of());
        String userId = InputFields.string(in, "user_id", true, 256);
        String campaign = required("campaign_id", campaignId);
        long contacts = nonNegative(in, "contacts_count");
        String ip = InputFields.string(in, "ip_address", false, 64);
        // what a retry must repeat; the caller's address may change between attempts
        Document request = new Document("user_id", userId).append("campaign_id", campaign).append("contacts_count", contacts);
        String key = key(in, idempotencyKey);
        return run(CAMPAIGN, key, request, campaign, claim -> {
            Document audit = new Document("user_id", userId).append("action", "execute").append("resource_type", "campaign")
                    .append("resource_id", campaign).append("changes", new Document("after", new Document("contacts_count", contacts)))
                    .append("ip_address", ip);
            Document metric = new Document("metric_type", "campaigns_executed").append("value", contacts)
                    .append("tags", new Document("campaign_id", campaign)).append("metadata", new Document("user_id", userId));
            Document event = new Document("event_type", "CampaignExecuted").append("aggregate_type", "campaign")
                    .append("aggregate_id", campaign).append("event_data", new Document("campaign_id", campaign)
                            .append("contacts_count", contacts).append("status", "completed").append("user_id", userId));
            return new Writes(audit, metric, event, null);
        });
    }

    /**
     * {@code log_conversation_closed(user_id, conversation_id, resolution_time_seconds, ip_address)}:
     * ends the conversation, then audit ({@code update} active → ended), metric
     * {@code conversations_closed} (value: resolution seconds), event {@code ConversationClosed}.
     */
    public Outcome logConversationClosed(String conversationId, Document input, String idempotencyKey) {
        Document in = InputFields.canonical(input, Map.of());
        String userId = InputFields.string(in, "user_id", true, 256);
        String conversation = required("conversation_id", conversationId);
        long seconds = nonNegative(in, "resolution_time_seconds");
        String ip = InputFields.string(in, "ip_address", false, 64);
        steps.conversation(conversation); // 404 before anything is written
        Document request = new Document("user_id", userId).append("conversation_id", conversation)
                .append("resolution_time_seconds", seconds);
        String key = key(in, idempotencyKey);
        return run(CLOSE, key, request, conversation, claim -> {
            Document audit = new Document("user_id", userId).append("action", "update").append("resource_type", "conversation")
                    .append("resource_id", conversation)
                    .append("changes", new Document("after", new Document("status", "ended")))
                    .append("ip_address", ip);
            Document metric = new Document("metric_type", "conversations_closed").append("value", seconds)
                    .append("tags", new Document("user_id", userId)).append("metadata", new Document("conversation_id", conversation));
            Document event = new Document("event_type", "ConversationClosed").append("aggregate_type", "conversation")
                    .append("aggregate_id", conversation).append("event_data", new Document("conversation_id", conversation)
                            .append("resolution_time_seconds", seconds).append("user_id", userId));
            return new Writes(audit, metric, event, conversation);
        });
    }

    /** What an operation writes; {@code conversationToEnd} is null when it ends none. */
    private record Writes(Document audit, Document metric, Document event, String conversationToEnd) {
    }

    private Outcome run(String kind, String key, Document request, String resourceId,
                        Function<Document, Writes> plan) {
        OperationRecords.Claim claim = records.claim(kind, key, request);
        if (claim.completed()) {
            return new Outcome(claim.record().get("result", Document.class), true);
        }
        Document record = claim.record();
        Writes writes = plan.apply(record);
        String operationId = OperationRecords.id(kind, key);
        if (writes.conversationToEnd() != null) {
            // the status it had before this operation, kept so that a retry audits the same change
            String prior = record.get("steps", Document.class).getString("status_before");
            if (prior == null) {
                prior = steps.conversation(writes.conversationToEnd()).getString("status");
                record = records.record(record, "status_before", prior, null);
            }
            writes.audit().put("changes", new Document("before", new Document("status", prior))
                    .append("after", new Document("status", "ended")));
            if (!"ended".equals(steps.conversation(writes.conversationToEnd()).getString("status"))) {
                steps.endConversation(writes.conversationToEnd());
            }
            listener.completed("conversation");
        }
        Document done = record.get("steps", Document.class);
        String auditId = done.getString("audit_id");
        if (auditId == null) {
            Optional<Document> earlier = claim.existed() ? steps.auditedEarlier(resourceId, operationId) : Optional.empty();
            Document entry = earlier.orElseGet(() -> steps.audit(writes.audit(), operationId));
            auditId = String.valueOf(entry.get("seq"));
            listener.completed("audit");
            record = records.record(record, "audit_id", auditId, null);
        }
        String metricId = "op-" + operationId + ":metric";
        steps.logMetric(new Document(writes.metric()).append("metric_id", metricId));
        listener.completed("metric");
        String eventId = "op-" + operationId + ":event";
        Document event = steps.appendEvent(new Document(writes.event()).append("event_id", eventId));
        listener.completed("event");
        Document result = new Document("audit_id", auditId).append("metric_id", metricId).append("event_id", eventId)
                .append("event_version", event.get("version")).append("idempotency_key", key);
        records.record(record, "event_id", eventId, result);
        return new Outcome(result, false);
    }

    private static String key(Document in, String header) {
        String fromBody = InputFields.string(in, "idempotency_key", false, 128);
        if (header != null && fromBody != null && !header.equals(fromBody)) {
            throw new InvalidInputException("idempotency_key", "differs from the Idempotency-Key header");
        }
        String key = header != null ? header : fromBody;
        if (key != null && !key.matches("[A-Za-z0-9_.:-]{1,128}")) {
            throw new InvalidInputException("idempotency_key", "must be 1-128 letters, digits, '_', '.', ':' or '-'");
        }
        return key != null ? key : new ObjectId().toHexString();
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 256) {
            throw new InvalidInputException(field, "is required (at most 256 characters)");
        }
        return value;
    }

    private static long nonNegative(Document in, String field) {
        Object value = in.get(field);
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
            throw new InvalidInputException(field, value == null ? "is required" : "must be a whole number, 0 or more");
        }
        return ((Number) value).longValue();
    }
}
