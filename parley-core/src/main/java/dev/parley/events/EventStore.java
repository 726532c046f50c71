package dev.parley.events;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import dev.parley.store.IndexSpec;
import dev.parley.store.ScopedCollection;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.retention.RetainedCollection;
import dev.parley.retention.RetentionPolicies;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Seed 000's event store ({@code store_event}, {@code get_aggregate_events},
 * {@code get_events_by_type}) for one tenant, without transactions.
 *
 * <p>An event's {@code _id} is {@code <tenant>|<aggregate_type>|<aggregate_id>|<version>}, so
 * the store's unique key itself makes versions gap-free and unforked: an append inserts the next
 * version and retries (or answers 409 for a stale {@code expected_version}) when another append
 * took it. {@code event_id} is unique per tenant, which makes a retried append idempotent, as in
 * EventStoreDB. The {@code aggregates} head ({@code version}) only tells an append where to start;
 * if a crash left it behind, the append moves past the versions that exist.
 */
public final class EventStore {

    public static final String EVENTS = "events";
    public static final String HEADS = "aggregates";
    public static final int MAX_LIMIT = 1_000;
    private static final int MAX_ATTEMPTS = 100;
    /** How long an append keeps trying past MAX_ATTEMPTS while other appends keep winning. */
    private static final long APPEND_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Pattern AGGREGATE_TYPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Map<String, String> ALIASES = Map.of("type", "event_type", "data", "event_data");

    private final ScopedCollection events;
    private final ScopedCollection heads;
    private final RetentionPolicies retention;

    public EventStore(ScopedCollection events, ScopedCollection heads, RetentionPolicies retention) {
        this.events = events;
        this.heads = heads;
        this.retention = retention;
    }

    /** This feature's part of a contact's erasure. */
    public PersonalDataEraser eraser() {
        return new EventEraser(events, heads);
    }

    public static List<IndexSpec> indexes() {
        return List.of(
                IndexSpec.on(EVENTS, "organization_id_event_id_unique", "event_id").asUnique(),
                IndexSpec.on(EVENTS, "organization_id_aggregate_version_unique", "aggregate_type", "aggregate_id", "version")
                        .asUnique(),
                IndexSpec.on(EVENTS, "organization_id_event_type", "event_type"), // seed 000
                IndexSpec.on(EVENTS, "organization_id_created_at", "created_at"), // seed 000
                IndexSpec.on(EVENTS, "organization_id_event_type_created_at", "event_type", "-created_at"));
    }

    /** An appended event, and whether this call stored it (false: stored earlier under its {@code event_id}). */
    public record Appended(Document event, boolean created) {
    }

    /**
     * Seed 000's {@code store_event}: appends {@code event_type}, {@code event_data},
     * {@code aggregate_id}, {@code aggregate_type}, with optional {@code expected_version} (the
     * version the caller last saw, 0 for a new aggregate) and {@code event_id}. Returns the stored
     * event, or the one stored earlier under the same {@code event_id}.
     */
    public Document append(Document input) {
        return store(input).event();
    }

    /** {@link #append}, telling a new event from one stored earlier under the same {@code event_id}. */
    public Appended store(Document input) {
        Document in = InputFields.canonical(input, ALIASES);
        String eventType = InputFields.string(in, "event_type", true, 128);
        Object data = in.get("event_data");
        if (data != null && !(data instanceof Document)) {
            throw new InvalidInputException("event_data", "must be a JSON object");
        }
        String aggregateType = InputFields.string(in, "aggregate_type", true, 64);
        if (!AGGREGATE_TYPE.matcher(aggregateType).matches()) {
            throw new InvalidInputException("aggregate_type", "may hold only letters, digits, '.', '_' and '-'");
        }
        String aggregateId = InputFields.string(in, "aggregate_id", true, 256);
        Long expected = expectedVersion(in);
        String eventId = Optional.ofNullable(InputFields.string(in, "event_id", false, 128))
                .orElseGet(() -> new ObjectId().toHexString());
        Document event = new Document("event_id", eventId).append("event_type", eventType)
                .append("event_data", data == null ? new Document() : data)
                .append("aggregate_id", aggregateId).append("aggregate_type", aggregateType);
        return store(event, expected);
    }

    private Appended store(Document event, Long expected) {
        String eventId = event.getString("event_id");
        String type = event.getString("aggregate_type");
        String id = event.getString("aggregate_id");
        Optional<Document> earlier = byEventId(eventId);
        if (earlier.isPresent()) {
            return new Appended(earlier.get(), false);
        }
        if (expected != null && expected > 0 && events.get(key(type, id, expected)).isEmpty()) {
            throw stale(type, id, expected);
        }
        long candidate = expected != null ? expected + 1 : head(type, id) + 1;
        // every lost race means another append won, so the stream moves; a busy one is given time, not a count
        long deadline = System.nanoTime() + APPEND_PATIENCE_NANOS;
        for (int attempt = 0; attempt < MAX_ATTEMPTS || System.nanoTime() < deadline; attempt++) {
            Document stored = new Document(event).append("_id", events.key(key(type, id, candidate)))
                    .append("version", candidate).append("created_at", new Date());
            Date expiry = retention.expiry(events.tenant(), RetainedCollection.EVENTS, Instant.now(),
                    "conversation".equals(type) ? id : null);
            if (expiry != null) {
                stored.append("expire_at", expiry); // for real MongoDB's TTL index
            }
            try {
                events.insert(stored);
                heads.upsert(headKey(type, id), new Document("$max", new Document("version", candidate))
                        .append("$setOnInsert", new Document("aggregate_type", type).append("aggregate_id", id)));
                return new Appended(view(stored), true);
            } catch (ConflictException taken) {
                earlier = byEventId(eventId);
                if (earlier.isPresent()) {
                    return new Appended(earlier.get(), false); // the same event, appended concurrently
                }
                if (expected != null) {
                    throw stale(type, id, expected);
                }
                // another append took this version (or the head was behind): go past the head, and
                // after a few losses back off a little so that a busy stream lets everyone through
                candidate = Math.max(candidate + 1, head(type, id) + 1);
                if (attempt >= 3) {
                    backOff(attempt);
                }
            }
        }
        throw new ConflictException("aggregate " + type + "/" + id + " is being appended to too fast; retry");
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 20)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("interrupted while appending; retry");
        }
    }

    private ConflictException stale(String type, String id, long expected) {
        return new ConflictException("expected_version " + expected + " but aggregate " + type + "/" + id
                + " is at version " + lastVersion(type, id));
    }

    /** Seed 000's {@code get_aggregate_events}: versions {@code fromVersion}, … in order, at most {@code limit}. */
    public List<Document> aggregateEvents(String aggregateType, String aggregateId, long fromVersion, int limit) {
        checkLimit(limit);
        if (fromVersion < 1) {
            throw new InvalidInputException("from_version", "must be 1 or more");
        }
        List<String> keys = new ArrayList<>(limit);
        for (long v = fromVersion; v < fromVersion + limit; v++) {
            keys.add(key(aggregateType, aggregateId, v));
        }
        List<Document> found = new ArrayList<>(events.getAll(keys).stream().map(EventStore::view).toList());
        found.sort(Comparator.comparingLong(e -> e.get("version", Number.class).longValue()));
        return found;
    }

    /** Seed 000's {@code get_events_by_type}: newest first, optionally since a time. */
    public List<Document> byType(String eventType, Instant since, int limit) {
        checkLimit(limit);
        if (eventType == null || eventType.isBlank()) {
            throw new InvalidInputException("event_type", "is required");
        }
        Document filter = new Document("event_type", eventType);
        if (since != null) {
            filter.append("created_at", new Document("$gte", Date.from(since)));
        }
        List<Document> found = events.find(filter).sort(new Document("created_at", -1).append("_id", -1)).limit(limit)
                .into(new ArrayList<>());
        return found.stream().map(EventStore::view).toList();
    }

    /** The aggregate's last version (0 when it has none). */
    public long lastVersion(String aggregateType, String aggregateId) {
        long version = head(aggregateType, aggregateId);
        while (events.get(key(aggregateType, aggregateId, version + 1)).isPresent()) {
            version++; // the head lags only if a crash came between an append and its head update
        }
        return version;
    }

    private long head(String type, String id) {
        return heads.get(headKey(type, id)).map(h -> h.get("version", Number.class).longValue()).orElse(0L);
    }

    private Optional<Document> byEventId(String eventId) {
        return events.getByUniqueField("event_id", eventId).map(EventStore::view);
    }

    private static Long expectedVersion(Document in) {
        Object value = in.get("expected_version");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
            throw new InvalidInputException("expected_version", "must be a whole number of 0 or more");
        }
        return ((Number) value).longValue();
    }

    /** The stored event without its internal key. */
    private static Document view(Document stored) {
        Document view = new Document(stored);
        view.remove("_id");
        return view;
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    static String headKey(String type, String id) {
        return type + "|" + id;
    }

    /** Fixed-width versions keep one aggregate's events next to each other, in order, in the key space. */
    static String key(String type, String id, long version) {
        return type + "|" + id + "|" + String.format("%012d", version);
    }
}
