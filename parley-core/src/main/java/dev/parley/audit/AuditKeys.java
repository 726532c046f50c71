package dev.parley.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The audit chain's secrets, derived from PARLEY_SECRET_KEY (or the data directory's key file) and
 * never stored in the database: entry hashes are HMAC-SHA256 under the chain key, and heads and
 * checkpoints are signed by {@link AuditSigner}. Someone who can write to the database but lacks
 * the secret can therefore neither re-hash an edited chain nor sign a head for it.
 */
public final class AuditKeys {

    /** The {@code hash_alg} of a keyed entry; an entry without {@code hash_alg} is unkeyed (legacy SHA-256). */
    static final String KEYED = "hmac-sha256";
    static final String ALG_FIELD = "hash_alg";

    private final SecretKeySpec chainKey;
    private final AuditSigner signer;
    /** One initialized Mac per thread: verification hashes a million entries on several threads. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public AuditKeys(byte[] chainKey, AuditSigner signer) {
        this.chainKey = new SecretKeySpec(chainKey, "HmacSHA256");
        this.signer = signer;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(chainKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** The keyed hash of {@code entry} (lower-case hex). */
    String hash(Map<String, Object> entry) {
        return AuditHash.hex(AuditHash.hmac(entry, macs.get()));
    }

    /** Whether {@code entry}'s keyed hash is {@code storedHex}. */
    boolean matches(Map<String, Object> entry, Object storedHex) {
        return AuditHash.sameHex(AuditHash.hmac(entry, macs.get()), storedHex);
    }

    String sign(String text) {
        return signer.sign(text);
    }

    /** Whether {@code signature} is this key's signature of {@code text} (compared in constant time). */
    boolean signed(String text, Object signature) {
        return signature instanceof String given && MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}
