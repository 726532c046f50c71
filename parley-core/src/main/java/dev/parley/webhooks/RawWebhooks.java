package dev.parley.webhooks;

import dev.parley.store.Companion;
import dev.parley.store.IndexSpec;
import dev.parley.store.MongoStore;
import dev.parley.store.PlatformCollection;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.time.Instant;
import java.util.ArrayList;

/**
 * Every accepted webhook body, verbatim, with when it came, whether its signature held, where it
 * was routed and what came of it: the record that lets an operator see unrouted payloads and
 * replay everything idempotently.
 *
 * <p>Unrouted payloads (no registered number or account, so no secret to check them with) are
 * bounded: each keeps a prefix of its body, and they live in a ring of slots
 * ({@code _unrouted|000042}), as many as the total allows for a full prefix each, so a new one
 * replaces the oldest. The slot comes from a sequence every instance shares; each write is by key.
 */
public final class RawWebhooks {

    static final String COLLECTION = "raw_webhooks";
    public static final String UNROUTED = "_unrouted";
    /** Room for an unrouted record's fields besides its body (signature, ids and problems are cut to fit). */
    static final int SLOT_OVERHEAD = 2_048;
    static final int MAX_SIGNATURE = 256;
    private static final String SEQUENCE = UNROUTED + "|sequence";

    /** An unrouted payload as stored: its slot, whether its body was cut, whether it replaced an older one. */
    record UnroutedRecord(String id, boolean truncated, boolean evicted) {
    }

    private final PlatformCollection raw;

    private final MongoStore store;

    public RawWebhooks(MongoStore store) {
        this.raw = store.platform(COLLECTION);
        this.store = store;
    }

    public static List<IndexSpec> indexes() {
        return List.of(IndexSpec.on(COLLECTION, "organization_id_received_at", "received_at"),
                IndexSpec.on(COLLECTION, "organization_id_routing_received_at", "routing", "received_at"));
    }

    /**
     * Stores the body before it is processed; returns its id. Not durable by itself: the caller
     * acknowledges the provider only after a later durable wait ({@link #awaitDurable}, or the
     * message writer's flush), which covers this write too.
     */
    String store(String provider, byte[] body, String signature, Boolean signatureValid, List<String> tenants) {
        String id = new ObjectId().toHexString();
        raw.insertBeforeDurableWait(document(id, provider, body, signature, signatureValid, tenants, new Date()));
        return id;
    }

    private static Document document(String id, String provider, byte[] body, String signature, Boolean signatureValid,
                                     List<String> tenants, Date receivedAt) {
        return new Document("_id", id)
                .append("organization_id", tenants.size() == 1 ? tenants.get(0) : UNROUTED)
                .append("organization_ids", tenants)
                .append("provider", provider)
                .append("received_at", receivedAt)
                .append("signature", signature)
                .append("signature_valid", signatureValid)
                .append("routing", tenants.isEmpty() ? "unrouted" : "routed")
                .append("body", new String(body, StandardCharsets.UTF_8));
    }

    /** A live delivery's record, not written yet: its id and the write that stores it. */
    record Pending(String id, Companion write, Document record) {
    }

    /**
     * The record of a delivery processed live, with its outcome, as a write that goes with the
     * delivery's own message writes (one batch, one flush: see {@link Companion}).
     */
    Pending record(String provider, byte[] body, String signature, Boolean signatureValid, List<String> tenants,
                   Document outcome) {
        Date now = new Date();
        Document record = document(new ObjectId().toHexString(), provider, body, signature, signatureValid, tenants, now)
                .append("outcome", outcome).append("processed_at", now);
        return pending(record);
    }

    /** The pending write of a record as {@link #record} made it (a logged delivery applied after a restart). */
    Pending pending(Document record) {
        return new Pending(record.getString("_id"), raw.companionReplace(record), record);
    }

    /** Stores a record on its own, durably (a delivery with nothing else to write). */
    void store(Pending pending) {
        raw.write(pending.write());
    }

    /**
     * Keeps the body of a delivery whose writes failed, with the error as its outcome, so it can be
     * replayed once the cause is fixed; best effort (the store may be what failed).
     */
    void storeFailed(Pending pending, RuntimeException error) {
        Document record = new Document(pending.record());
        record.put("outcome", new Document("failed", String.valueOf(error.getMessage())));
        record.remove("processed_at");
        try {
            raw.write(raw.companionReplace(record));
        } catch (RuntimeException alsoFailed) {
            // the store is down: the provider retries the delivery
        }
    }

    /** How many unrouted payloads {@code intake}'s total keeps: one full prefix (and its fields) per slot. */
    static long slots(UnroutedIntake intake) {
        return Math.max(1, intake.maxBytes() / (intake.prefixBytes() + SLOT_OVERHEAD));
    }

    /**
     * Stores an unrouted payload in the next slot of the ring, at most {@code intake.prefixBytes()}
     * of its body ({@code truncated} and {@code body_size} say what was cut), with its outcome.
     * Not durable by itself (see {@link #store}).
     */
    UnroutedRecord storeUnrouted(String provider, byte[] body, String signature, Document outcome, UnroutedIntake intake) {
        long sequence = raw.incrementBeforeDurableWait(SEQUENCE, "next", new Document("organization_id", UNROUTED)
                .append("kind", "unrouted_sequence"));
        String id = UNROUTED + "|" + String.format("%06d", (sequence - 1) % slots(intake));
        String whole = new String(body, StandardCharsets.UTF_8);
        String kept = Utf8Prefix.cut(whole, intake.prefixBytes());
        boolean truncated = kept.length() < whole.length();
        Date now = new Date();
        boolean evicted = raw.replaceBeforeDurableWait(new Document("_id", id)
                .append("organization_id", UNROUTED)
                .append("organization_ids", List.of())
                .append("provider", provider)
                .append("received_at", now)
                .append("signature", signature == null ? null : Utf8Prefix.cut(signature, MAX_SIGNATURE))
                .append("signature_valid", null)
                .append("routing", "unrouted")
                .append("body", kept)
                .append("body_size", body.length)
                .append("truncated", truncated)
                .append("sequence", sequence)
                .append("outcome", outcome)
                .append("processed_at", now));
        return new UnroutedRecord(id, truncated, evicted);
    }

    void recordOutcome(String id, List<String> tenants, Document outcome, boolean replayed) {
        Document set = new Document("outcome", outcome).append(replayed ? "replayed_at" : "processed_at", new Date());
        if (replayed && !tenants.isEmpty()) {
            set.append("organization_ids", tenants).append("routing", "routed")
                    .append("organization_id", tenants.size() == 1 ? tenants.get(0) : UNROUTED);
        }
        if (replayed) {
            raw.update(id, new Document("$set", set));
        } else {
            // durable with the caller's next wait, or the next commit; if a crash loses it, the
            // payload and its effects are durable and only the summary is missing
            raw.updateBeforeDurableWait(id, new Document("$set", set));
        }
    }

    /** Makes every write so far durable (for a payload whose processing wrote nothing else). */
    void awaitDurable() {
        store.awaitDurable();
    }

    /** Stored payloads of a provider, oldest first, optionally since a time and for one tenant. */
    Iterable<Document> since(String provider, Instant since, String tenant) {
        Document filter = new Document("provider", provider);
        if (since != null) {
            filter.append("received_at", new Document("$gte", Date.from(since)));
        }
        if (tenant != null) {
            filter.append("organization_ids", tenant);
        }
        return raw.find(filter).sort(new Document("received_at", 1));
    }

    /** Deletes payloads received before {@code cutoff} (retention); returns how many. */
    public long deleteBefore(Instant cutoff) {
        return raw.deleteMany(new Document("received_at", new Document("$lt", Date.from(cutoff))));
    }

    /** Retention of one tenant's payloads (routed to it alone): deletes, or counts ({@code dryRun}), those received before {@code cutoff}. */
    public long deleteBefore(String tenant, Instant cutoff, boolean dryRun) {
        Document filter = new Document("organization_id", tenant).append("received_at", new Document("$lt", Date.from(cutoff)));
        if (dryRun) {
            return raw.count(filter);
        }
        return raw.deleteMany(filter);
    }

    /** Unrouted payloads, newest first, for the operator. */
    public List<Document> unrouted(int limit) {
        return raw.find(new Document("routing", "unrouted")).sort(new Document("received_at", -1)).limit(limit)
                .into(new ArrayList<>());
    }
}
