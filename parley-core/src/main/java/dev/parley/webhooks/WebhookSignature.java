package dev.parley.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Meta's {@code X-Hub-Signature-256}: {@code sha256=} + hex HMAC-SHA256 of the raw body with the app secret. */
final class WebhookSignature {

    private WebhookSignature() {
    }

    static boolean valid(byte[] body, String header, String appSecret) {
        if (header == null || !header.startsWith("sha256=") || appSecret == null) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(7).trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(body, appSecret), given);
    }

    static String sign(byte[] body, String appSecret) {
        return "sha256=" + HexFormat.of().formatHex(hmac(body, appSecret));
    }

    private static byte[] hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
