package dev.parley.server.auth;

import dev.parley.Parley;
import dev.parley.platform.Platform;
import dev.parley.platform.SessionCache;
import dev.parley.users.Role;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Seed 003's session cache: what each request needs to know of a signed-in user (role and quota),
 * kept for an hour so that requests cost no MongoDB read. Profile changes and deletions drop the
 * session, on every instance when it lives in Redis, so a demoted or deleted user's next request
 * sees it.
 */
@Component
public class UserSessions {

    /** A user's budgets. */
    public record Quota(long apiCallsPerHour, long logsPerDay) {
    }

    record Session(Role role, Quota quota) {
    }

    private final Parley parley;
    private final SessionCache sessions;

    UserSessions(Parley parley, Platform platform) {
        this.parley = parley;
        this.sessions = platform.sessions();
    }

    private static String key(String tenant, String userId) {
        return "user:" + tenant + "|" + userId;
    }

    /** The user's session, read from the profile when not cached; empty when the user no longer exists. */
    Optional<Session> get(String tenant, String userId) {
        Optional<Session> cached = sessions.get(key(tenant, userId)).flatMap(UserSessions::parse);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<Session> fresh = parley.users().find(tenant, userId).map(UserSessions::of);
        fresh.ifPresent(s -> sessions.put(key(tenant, userId), format(s), SessionCache.DEFAULT_TTL));
        return fresh;
    }

    /** Drops the cached session after the profile changed (role, quota) or went. */
    public void forget(String tenant, String userId) {
        sessions.delete(key(tenant, userId));
    }

    static Session of(Document profile) {
        Document quota = profile.get("api_quota", Document.class);
        return new Session(Role.parse("role", profile.getString("role")),
                new Quota(number(quota, "api_calls_per_hour"), number(quota, "logs_per_day")));
    }

    private static long number(Document quota, String field) {
        return quota == null || !(quota.get(field) instanceof Number n) ? 0 : n.longValue();
    }

    private static String format(Session session) {
        return session.role().wire() + "|" + session.quota().apiCallsPerHour() + "|" + session.quota().logsPerDay();
    }

    private static Optional<Session> parse(String value) {
        String[] parts = value.split("\\|");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Session(Role.parse("role", parts[0]), new Quota(Long.parseLong(parts[1]), Long.parseLong(parts[2]))));
        } catch (RuntimeException e) {
            return Optional.empty(); // written by another version: read the profile again
        }
    }
}
