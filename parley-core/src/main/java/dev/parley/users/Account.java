package dev.parley.users;

import org.bson.Document;

/**
 * A user as sign-in sees them: the profile the API shows, and the session epoch their tokens
 * must carry. The epoch changes when the password is reset, the role changes or the user is
 * created again, so every token issued before stops working.
 */
public record Account(Document profile, String sessionEpoch) {

    public Role role() {
        return Role.parse("role", profile.getString("role"));
    }
}
