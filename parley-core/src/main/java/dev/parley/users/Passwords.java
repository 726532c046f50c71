package dev.parley.users;

import dev.parley.InvalidInputException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.charset.StandardCharsets;

/**
 * Password hashes: bcrypt (adaptive, salted), stored with an {@code {bcrypt}} prefix so a later
 * algorithm can be told apart and hashes upgraded at the next login.
 */
final class Passwords {

    private static final String PREFIX = "{bcrypt}";
    /** bcrypt reads 72 bytes; longer passwords would be cut silently, so they are refused. */
    private static final int MAX_BYTES = 72;
    private static final int MIN_LENGTH = 8;

    private final BCryptPasswordEncoder bcrypt;
    /** Checked against when the user does not exist, so both answers take as long. */
    private final String decoy;

    Passwords(int strength) {
        this.bcrypt = new BCryptPasswordEncoder(strength);
        this.decoy = bcrypt.encode("no-such-user-decoy");
    }

    static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidInputException("password", "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInputException("password", "must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
    }

    String hash(String password) {
        check(password);
        return PREFIX + bcrypt.encode(password);
    }

    boolean matches(String password, String stored) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            bcrypt.matches("x", decoy);
            return false;
        }
        if (stored == null || !stored.startsWith(PREFIX)) {
            bcrypt.matches(password, decoy);
            return false;
        }
        return bcrypt.matches(password, stored.substring(PREFIX.length()));
    }
}
