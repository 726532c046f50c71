package dev.parley.audit;

import org.bson.Document;

/**
 * Who is acting, for the audit entries written while they act: a signed-in user, a tenant's API
 * key (by its prefix, the key's public id), the operator's admin key, or Parley itself (CLI,
 * library, schedules). The server binds it for the length of a request; every entry appended on
 * that thread names it in {@code actor}, which callers cannot set themselves.
 *
 * @param type   {@code user}, {@code api_key}, {@code operator} or {@code system}
 * @param id     the user id, key prefix, or {@code parley}
 * @param tenant the tenant the credentials belong to (a superadmin may act in another), null for operators and Parley
 */
public record AuditActor(String type, String id, String tenant) {

    public static final AuditActor SYSTEM = new AuditActor("system", SystemAudit.ACTOR, null);
    private static final ThreadLocal<AuditActor> CURRENT = new ThreadLocal<>();

    /** The actor bound to this thread, or {@link #SYSTEM}. */
    public static AuditActor current() {
        AuditActor actor = CURRENT.get();
        return actor == null ? SYSTEM : actor;
    }

    /** Binds {@code actor} to this thread until {@link #clear()}. */
    public static void bind(AuditActor actor) {
        CURRENT.set(actor);
    }

    public static void clear() {
        CURRENT.remove();
    }

    Document toDocument() {
        Document doc = new Document("type", type).append("id", id);
        if (tenant != null) {
            doc.append("tenant", tenant);
        }
        return doc;
    }
}
