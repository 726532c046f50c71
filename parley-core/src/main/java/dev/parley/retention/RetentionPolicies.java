package dev.parley.retention;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import dev.parley.store.MongoStore;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tenants' retention policies ({@code retention_policies}, one document per tenant), with an
 * in-process cache for the write paths that stamp {@code expire_at}. Every change is audited, and
 * a change that keeps documents longer (a longer retention, a new legal hold) asks the owners of
 * what it protects ({@link RetainedData}) to clear their {@code expire_at}, so real MongoDB's TTL
 * monitor cannot delete it: before the change is stored (a crash then loses no protection), and
 * again once this process's cache has the new policy (for writes that raced the first clearing
 * under the old one).
 */
public final class RetentionPolicies {

    static final String COLLECTION = "retention_policies";
    private static final String POLICY = "policy";
    public static final int MAX_HELD_CONVERSATIONS = 10_000;

    private final MongoStore store;
    private final RetentionAudit audit;
    private final Clock clock;
    private final Supplier<List<RetainedData>> owners;
    /** Up to 5 s stale in other processes; the sweeper re-clears held documents on every run. */
    private final Cache<String, RetentionPolicy> cache = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5)).build();

    /** {@code owners}: each retained collection's owner (asked only on a change, so they may be built after this). */
    public RetentionPolicies(MongoStore store, RetentionAudit audit, Clock clock, Supplier<List<RetainedData>> owners) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.owners = owners;
    }

    public RetentionPolicy get(String tenant) {
        return cache.get(tenant, this::read);
    }

    private RetentionPolicy read(String tenant) {
        RetentionPolicy defaults = RetentionPolicy.defaults(tenant);
        return store.scoped(tenant, COLLECTION).get(POLICY).map(doc -> {
            Map<RetainedCollection, Integer> days = new EnumMap<>(defaults.days());
            Document stored = doc.get("days", Document.class);
            if (stored != null) {
                stored.forEach((name, value) -> RetainedCollection.named(name).ifPresent(c -> days.put(c, ((Number) value).intValue())));
            }
            Document hold = doc.get("legal_hold", Document.class);
            return new RetentionPolicy(tenant, days, hold != null && Boolean.TRUE.equals(hold.get("tenant")),
                    hold == null ? List.of() : hold.getList("conversations", String.class, List.of()),
                    hold == null ? null : hold.getString("reason"), doc.getDate("updated_at"));
        }).orElse(defaults);
    }

    /**
     * When a new document of {@code collection} dated {@code at} expires under the tenant's policy,
     * for the TTL index; null when it must not expire by itself (a legal hold).
     */
    public Date expiry(String tenant, RetainedCollection collection, Instant at, String conversationId) {
        RetentionPolicy policy = get(tenant);
        if (policy.tenantHold() || conversationId != null && policy.heldConversations().contains(conversationId)) {
            return null;
        }
        return Date.from(at.plus(Duration.ofDays(policy.daysOf(collection))));
    }

    /**
     * Applies {@code {"days": {"messages": 30, …}, "legal_hold": {"tenant": true, "conversations": […],
     * "reason": "…"}}}: the fields given replace those stored, the rest stay.
     */
    public RetentionPolicy update(String tenant, Document input) {
        RetentionPolicy before = read(tenant);
        for (String field : input.keySet()) {
            if (!field.equals("days") && !field.equals("legal_hold")) {
                throw new InvalidInputException(field, "is not part of a retention policy (days, legal_hold)");
            }
        }
        Map<RetainedCollection, Integer> days = new EnumMap<>(before.days());
        Document givenDays = InputFields.subDocument(input, "days");
        if (givenDays != null) {
            givenDays.forEach((name, value) -> {
                RetainedCollection collection = RetainedCollection.named(name).orElseThrow(() -> new InvalidInputException("days." + name,
                        "is not a collection Parley expires (messages, audit_logs, analytics, events, raw_webhooks, analytics_rollups)"));
                if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
                        || ((Number) value).longValue() > RetainedCollection.MAX_DAYS) {
                    throw new InvalidInputException("days." + name, "must be a whole number of days from 1 to " + RetainedCollection.MAX_DAYS);
                }
                days.put(collection, ((Number) value).intValue());
            });
        }
        boolean tenantHold = before.tenantHold();
        List<String> held = before.heldConversations();
        String reason = before.holdReason();
        Document hold = InputFields.subDocument(input, "legal_hold");
        if (hold != null) {
            for (String field : hold.keySet()) {
                if (!Set.of("tenant", "conversations", "reason").contains(field)) {
                    throw new InvalidInputException("legal_hold." + field, "is not part of a legal hold (tenant, conversations, reason)");
                }
            }
            if (hold.containsKey("tenant")) {
                if (!(hold.get("tenant") instanceof Boolean on)) {
                    throw new InvalidInputException("legal_hold.tenant", "must be true or false");
                }
                tenantHold = on;
            }
            if (hold.containsKey("conversations")) {
                held = conversations(hold.get("conversations"));
            }
            if (hold.containsKey("reason")) {
                reason = InputFields.string(hold, "reason", false, 1_000);
            }
        }
        RetentionPolicy after = new RetentionPolicy(tenant, days, tenantHold, held, reason, Date.from(clock.instant()));
        // twice on purpose: before storing, so a crash in between cannot leave a TTL index free to delete
        // what the new policy keeps; after the cache has the new policy, for writes computed under the
        // old one while the first pass ran (each owner waits for such writes before clearing)
        protect(before, after);
        Document stored = after.toDocument();
        stored.remove("organization_id");
        store.scoped(tenant, COLLECTION).upsert(POLICY, new Document("$set", stored));
        cache.invalidate(tenant);
        protect(before, after);
        audit.record(tenant, "update", "retention_policy", tenant,
                new Document("before", summary(before)).append("after", summary(after)));
        return after;
    }

    private static List<String> conversations(Object value) {
        if (!(value instanceof List<?> list) || list.size() > MAX_HELD_CONVERSATIONS
                || !list.stream().allMatch(v -> v instanceof String s && !s.isBlank() && s.length() <= 256)) {
            throw new InvalidInputException("legal_hold.conversations",
                    "must be a list of at most " + MAX_HELD_CONVERSATIONS + " conversation ids");
        }
        return new ArrayList<>(new LinkedHashSet<>(list.stream().map(String.class::cast).toList()));
    }

    /** Asks the owners to clear {@code expire_at} where the new policy keeps documents longer than the TTL index would. */
    private void protect(RetentionPolicy before, RetentionPolicy after) {
        String tenant = after.tenant();
        boolean newTenantHold = after.tenantHold() && !before.tenantHold();
        List<String> newlyHeld = after.heldConversations().stream().filter(id -> !before.heldConversations().contains(id)).toList();
        for (RetainedData owner : owners.get()) {
            RetainedCollection c = owner.policyKey();
            if (c.stampsExpiry() && (newTenantHold || after.daysOf(c) > before.daysOf(c))) {
                owner.clearExpiry(tenant);
            }
        }
        if (!newlyHeld.isEmpty() && !after.tenantHold()) {
            clearHeld(tenant, newlyHeld);
        }
    }

    /** Asks the owners of conversations' documents (messages, events) to clear the held ones' {@code expire_at}. */
    private void clearHeld(String tenant, List<String> conversations) {
        for (RetainedData owner : owners.get()) {
            if (owner.belongsToConversations()) {
                owner.clearExpiry(tenant, conversations);
            }
        }
    }

    private static Document summary(RetentionPolicy policy) {
        Document doc = policy.toDocument();
        doc.remove("organization_id");
        doc.remove("updated_at");
        return doc;
    }
}
