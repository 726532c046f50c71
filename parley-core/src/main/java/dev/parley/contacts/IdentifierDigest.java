package dev.parley.contacts;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The keyed digest an erasure record keeps of an identifier ({@code phone:+966…}): HMAC-SHA256
 * under a key derived from PARLEY_SECRET_KEY, so a re-apply can find a restored contact by its
 * identifiers without the database keeping the numbers. One instance per thread (a Mac is not shared).
 */
final class IdentifierDigest {

    private final Mac mac;

    IdentifierDigest(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** The digest of an identifier key {@code <type>:<value>}. */
    String of(String key) {
        return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }
}
