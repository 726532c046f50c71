package dev.parley.retention;

import org.bson.Document;

/**
 * How retention records its own operations (a policy changed, expired documents deleted) in the
 * tenant's audit chain; the root implements it with the audit feature, whose entries name the
 * actor.
 */
@FunctionalInterface
public interface RetentionAudit {

    /** One entry of {@code action} on {@code resourceType}/{@code resourceId}, with its {@code changes}. */
    void record(String tenant, String action, String resourceType, String resourceId, Document changes);
}
