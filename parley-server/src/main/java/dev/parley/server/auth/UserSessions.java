package dev.parley.server.auth;

import dev.parley.Parley;
import dev.parley.platform.Platform;
import dev.parley.platform.SessionCache;
import dev.parley.users.Account;
import dev.parley.users.Role;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Seed 003's session cache: what each request needs to know of a signed-in user (role and quota),
 * kept so that requests cost no MongoDB read. Profile changes and deletions drop the session, on
 * every instance when it lives in Redis (kept an hour there), so a demoted, reset or deleted
 * user's next request sees it. In process it is kept for half a minute only: a password reset
 * by the CLI, another process, cannot drop it, so that is how long an old token can outlive it.
 */
@Component
public class UserSessions {

    /** A user's budgets. */
    public record Quota(long apiCallsPerHour, long logsPerDay) {
    }

    /** What a request needs of a user; {@code epoch} is what their tokens must carry. */
    record Session(Role role, Quota quota, String epoch) {
    }

    private static final Duration LOCAL_TTL = Duration.ofSeconds(30);

    private final Parley parley;
    private final SessionCache sessions;
    private final Duration ttl;

    UserSessions(Parley parley, Platform platform) {
        this.parley = parley;
        this.sessions = platform.sessions();
        this.ttl = "redis".equals(platform.mode()) ? SessionCache.DEFAULT_TTL : LOCAL_TTL;
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
        Optional<Session> fresh = parley.users().account(tenant, userId).map(UserSessions::of);
        fresh.ifPresent(s -> sessions.put(key(tenant, userId), format(s), ttl));
        return fresh;
    }

    /** Drops the cached session after the profile changed (role, quota) or went. */
    public void forget(String tenant, String userId) {
        sessions.delete(key(tenant, userId));
    }

    static Session of(Account account) {
        Document quota = account.profile().get("api_quota", Document.class);
        return new Session(account.role(), new Quota(number(quota, "api_calls_per_hour"), number(quota, "logs_per_day")),
                account.sessionEpoch());
    }

    private static long number(Document quota, String field) {
        return quota == null || !(quota.get(field) instanceof Number n) ? 0 : n.longValue();
    }

    private static String format(Session session) {
        return session.role().wire() + "|" + session.quota().apiCallsPerHour() + "|" + session.quota().logsPerDay() + "|" + session.epoch();
    }

    private static Optional<Session> parse(String value) {
        String[] parts = value.split("\\|", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Session(Role.parse("role", parts[0]), new Quota(Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[3]));
        } catch (RuntimeException e) {
            return Optional.empty(); // written by another version: read the profile again
        }
    }
}
