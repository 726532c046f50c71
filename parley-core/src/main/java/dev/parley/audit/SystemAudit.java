package dev.parley.audit;

import org.bson.Document;

/**
 * How features record Parley's own sensitive operations (tenant and key changes, channel
 * changes) in the tenant's audit chain. {@code user_id} is the {@link AuditActor} acting (a user,
 * an API key's prefix, the operator), or {@code parley} for the CLI, the library and schedules.
 */
@FunctionalInterface
public interface SystemAudit {

    String ACTOR = "parley";

    /** Appends {@code entry} (seed 000 fields, without {@code user_id}) to {@code tenant}'s chain. */
    void record(String tenant, Document entry);

    /** An entry of {@code action} on {@code resourceType}/{@code resourceId}, with what it is now. */
    static Document entry(String action, String resourceType, String resourceId, Document after) {
        Document entry = new Document("user_id", AuditActor.current().id()).append("action", action).append("resource_type", resourceType)
                .append("resource_id", resourceId);
        if (after != null) {
            entry.append("changes", new Document("after", after));
        }
        return entry;
    }
}
