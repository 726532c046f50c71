package dev.parley.server.auth;

import dev.parley.users.Role;

import java.time.Instant;

/**
 * Who is calling: a user signed in with a token, or a machine with its tenant's API key.
 *
 * @param tenant      the tenant the request acts in (a superadmin's may differ from its own)
 * @param homeTenant  the tenant the credentials belong to
 * @param userId      the user, null for an API key
 * @param role        what the caller may do (an API key is its tenant's admin)
 * @param tokenDigest the SHA-256 of the access token (for logout), null for an API key
 * @param expiresAt   when the access token expires, null for an API key
 * @param quota       the user's calls per hour and logs per day, null for an API key
 */
public record Caller(String tenant, String homeTenant, String userId, Role role, String tokenDigest, Instant expiresAt,
                     UserSessions.Quota quota) {

    public static final String ATTRIBUTE = "parley.caller";

    public boolean isUser() {
        return userId != null;
    }

    /** The key of this user's {@code kind} budget (e.g. {@code user}: calls per hour, {@code logs}: logs per day). */
    public String budgetKey(String kind) {
        return kind + ":" + homeTenant + "|" + userId;
    }

    Caller actingIn(String otherTenant) {
        return new Caller(otherTenant, homeTenant, userId, role, tokenDigest, expiresAt, quota);
    }
}
