package dev.parley.platform;

import java.time.Instant;

/**
 * Revoked tokens until they would have expired anyway. Callers pass a digest of the token, never
 * the token: the list is not a store of credentials.
 */
public interface TokenDenyList {

    void deny(String tokenDigest, Instant until);

    boolean isDenied(String tokenDigest);
}
