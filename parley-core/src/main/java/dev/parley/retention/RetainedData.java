package dev.parley.retention;

import java.time.Instant;
import java.util.List;

/**
 * Documents a feature keeps under a retention policy. The feature that owns the collection
 * implements it, so only the owner knows how its documents are dated, what must happen before one
 * is deleted, which belong to a conversation, and how {@code expire_at} is cleared without breaking
 * its own write rules; retention decides only how long, and asks.
 */
public interface RetainedData {

    /** The policy entry whose days govern these documents. */
    RetainedCollection policyKey();

    /**
     * Deletes the tenant's documents dated before {@code cutoff}, except those of
     * {@code heldConversations}, in bounded batches, after the owner's own before-delete work;
     * with {@code dryRun}, only counts them. Returns how many.
     */
    long expire(String tenant, Instant cutoff, List<String> heldConversations, boolean dryRun);

    /** Whether a legal hold on conversations keeps some of these documents. */
    default boolean belongsToConversations() {
        return false;
    }

    /**
     * Takes {@code expire_at} off the documents of {@code conversations} (a legal hold placed on
     * them), so real MongoDB's TTL monitor cannot delete them.
     */
    default void clearExpiry(String tenant, List<String> conversations) {
    }

    /** Takes {@code expire_at} off all the tenant's documents (a tenant hold, or a longer retention). */
    default void clearExpiry(String tenant) {
    }

    /**
     * Pseudo-tenants whose documents no tenant's policy covers (e.g. webhook payloads that reached
     * no tenant): a sweep over every tenant expires them after the default days.
     */
    default List<String> ownerlessScopes() {
        return List.of();
    }
}
