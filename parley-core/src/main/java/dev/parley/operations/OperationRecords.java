package dev.parley.operations;

import dev.parley.ConflictException;
import dev.parley.store.IndexSpec;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import dev.parley.store.ScopedCollection.VersionedChange;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * What a composite operation has done so far, under its idempotency key ({@code operations},
 * {@code _id <tenant>|<kind>:<key>}). A record is claimed with a lease before the first step, so
 * that two callers with the same key never run the steps at once; a caller that finds an expired
 * lease (its predecessor crashed) takes it over and completes the missing steps. Every write is
 * conditional on {@code rev}.
 */
final class OperationRecords {

    static final String COLLECTION = "operations";
    static final Duration LEASE = Duration.ofSeconds(30);

    private final ScopedCollection records;
    private final MongoStore store;
    private final Clock clock;

    OperationRecords(ScopedCollection records, MongoStore store, Clock clock) {
        this.records = records;
        this.store = store;
        this.clock = clock;
    }

    static List<IndexSpec> indexes() {
        return List.of(IndexSpec.on(COLLECTION, "organization_id_operation_key_rev_unique", "operation_key", "rev").asUnique());
    }

    /** A claimed record: {@code existed} is true when an earlier call started (or finished) this operation. */
    record Claim(Document record, boolean existed) {

        boolean completed() {
            return OperationRecords.completed(record);
        }
    }

    /** An operation's id: its kind and idempotency key. */
    static String id(String kind, String key) {
        return kind + ":" + key;
    }

    private static boolean completed(Document record) {
        return "completed".equals(record.getString("status"));
    }

    /**
     * Claims {@code kind:key} for {@code request}: a finished operation is returned as it is; a
     * different request under the same key, or one still running, is a conflict.
     */
    Claim claim(String kind, String key, Document request) {
        String id = id(kind, key);
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Document> existing = records.get(id);
            Date now = Date.from(clock.instant());
            if (existing.isEmpty()) {
                Document fresh = new Document("kind", kind).append("idempotency_key", key).append("request", request)
                        .append("status", "started").append("steps", new Document()).append("created_at", now)
                        .append("updated_at", now).append("lease_until", Date.from(clock.instant().plus(LEASE)));
                if (write(id, 0, fresh)) {
                    return new Claim(fresh.append("rev", 1L), false);
                }
                continue; // someone claimed it between our read and write
            }
            Document record = existing.get();
            if (!request.equals(record.get("request"))) {
                throw new ConflictException("idempotency_key " + key + " was used for a different " + kind + " request");
            }
            if (completed(record)) {
                return new Claim(record, true);
            }
            if (record.getDate("lease_until").after(now)) {
                throw new ConflictException(kind + " " + key + " is being carried out by another request; retry after "
                        + record.getDate("lease_until").toInstant());
            }
            Document takeover = strip(record).append("lease_until", Date.from(clock.instant().plus(LEASE))).append("updated_at", now);
            long rev = record.get("rev", Number.class).longValue();
            if (write(id, rev, takeover)) {
                return new Claim(takeover.append("rev", rev + 1), true);
            }
        }
        throw new ConflictException(kind + " " + key + " is being carried out by another request");
    }

    /** Records that a step is done (and, with {@code result}, that the operation is complete). */
    Document record(Document claimed, String step, Object value, Document result) {
        String id = id(claimed.getString("kind"), claimed.getString("idempotency_key"));
        Document next = strip(claimed);
        next.get("steps", Document.class).append(step, value);
        next.append("updated_at", Date.from(clock.instant()));
        if (result != null) {
            next.append("status", "completed").append("result", result);
        }
        long rev = claimed.get("rev", Number.class).longValue();
        if (!write(id, rev, next)) {
            throw new ConflictException("operation " + id + " was taken over by another request (its lease ran out)");
        }
        return next.append("rev", rev + 1);
    }

    private boolean write(String id, long rev, Document fields) {
        boolean written = records.writeVersioned("operation_key", List.of(new VersionedChange(id, rev, fields)));
        store.awaitDurable();
        return written;
    }

    private static Document strip(Document record) {
        Document copy = new Document(record);
        copy.remove("_id");
        copy.remove("organization_id");
        copy.remove("rev");
        copy.remove("operation_key");
        copy.put("steps", new Document(record.get("steps", Document.class)));
        return copy;
    }
}
