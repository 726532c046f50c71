package dev.parley.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.LinkedHashMap;

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

    /** The field of an entry an erasure redacted: when, by which erasure, and the seal. */
    static final String REDACTED_FIELD = "redacted";

    /**
     * The seal of an entry an erasure redacted: a signature over its tenant, {@code seq}, the hash
     * it was written with (which links the chain and stays) and the keyed hash of its redacted
     * fields. Only the secret's holder can seal, so a redacted entry verifies and nobody without
     * the secret can change it, or pass off an edit as a redaction.
     */
    String seal(Map<String, Object> entry) {
        return sign(sealText(entry));
    }

    /** Whether a redacted entry's seal holds. */
    boolean sealHolds(Map<String, Object> entry) {
        Object seal = entry.get(REDACTED_FIELD) instanceof Map<?, ?> redacted ? redacted.get("seal") : null;
        return signed(sealText(entry), seal);
    }

    private String sealText(Map<String, Object> entry) {
        Map<String, Object> unsealed = new LinkedHashMap<>(entry);
        if (entry.get(REDACTED_FIELD) instanceof Map<?, ?> redacted) {
            Map<String, Object> withoutSeal = new LinkedHashMap<>();
            redacted.forEach((key, value) -> withoutSeal.put(String.valueOf(key), value));
            withoutSeal.remove("seal");
            unsealed.put(REDACTED_FIELD, withoutSeal);
        }
        return "audit-redaction|" + entry.get("organization_id") + "|" + entry.get("seq") + "|" + entry.get("hash") + "|"
                + hash(unsealed);
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
