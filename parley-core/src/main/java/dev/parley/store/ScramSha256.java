package dev.parley.store;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.security.NoSuchAlgorithmException;

/**
 * The server's side of SCRAM-SHA-256 (RFC 5802, RFC 7677), the mechanism MongoDB and its drivers
 * use, for the one user of the embedded store. Only the salted keys are kept, as MongoDB keeps
 * them; the password never crosses the wire.
 */
final class ScramSha256 {

    static final String MECHANISM = "SCRAM-SHA-256";
    /** MongoDB's default iteration count for SCRAM-SHA-256. */
    static final int ITERATIONS = 15_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final byte[] salt = new byte[28];
    private final byte[] storedKey;
    private final byte[] serverKey;

    ScramSha256(String user, String password) {
        this.user = user;
        RANDOM.nextBytes(salt);
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
            storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
            serverKey = hmac(salted, "Server Key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 and SHA-256 are part of every JDK", e);
        }
    }

    /** One client's exchange: the client's first message, then its proof. */
    final class Exchange {

        private String clientFirstBare;
        private String serverFirst;
        private String nonce;

        /** {@code n,,n=user,r=nonce} → {@code r=nonce+ours,s=salt,i=iterations}. */
        byte[] first(byte[] message) {
            String text = new String(message, StandardCharsets.UTF_8);
            if (!text.startsWith("n,") && !text.startsWith("y,")) {
                throw new IllegalArgumentException("channel binding is not supported");
            }
            clientFirstBare = text.substring(text.indexOf(',', 2) + 1);
            Map<String, String> fields = fields(clientFirstBare);
            if (!user.equals(fields.get("n")) || fields.get("r") == null) {
                throw new IllegalArgumentException("unknown user");
            }
            byte[] ours = new byte[24];
            RANDOM.nextBytes(ours);
            nonce = fields.get("r") + Base64.getEncoder().encodeToString(ours);
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
            return serverFirst.getBytes(StandardCharsets.UTF_8);
        }

        /** {@code c=..,r=..,p=proof} → {@code v=serverSignature}, when the proof shows the password. */
        byte[] last(byte[] message) {
            if (serverFirst == null) {
                throw new IllegalArgumentException("no exchange started");
            }
            String clientFinal = new String(message, StandardCharsets.UTF_8);
            int proofAt = clientFinal.lastIndexOf(",p=");
            if (proofAt < 0 || !nonce.equals(fields(clientFinal).get("r"))) {
                throw new IllegalArgumentException("malformed or replayed proof");
            }
            String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinal.substring(0, proofAt);
            byte[] proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
            byte[] clientSignature = hmac(storedKey, authMessage);
            if (proof.length != clientSignature.length) {
                throw new IllegalArgumentException("wrong proof");
            }
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
            }
            try {
                if (!MessageDigest.isEqual(storedKey, MessageDigest.getInstance("SHA-256").digest(clientKey))) {
                    throw new IllegalArgumentException("wrong password");
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            return ("v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage))).getBytes(StandardCharsets.UTF_8);
        }
    }

    Exchange exchange() {
        return new Exchange();
    }

    private static Map<String, String> fields(String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : message.split(",")) {
            if (part.length() > 2 && part.charAt(1) == '=') {
                fields.put(part.substring(0, 1), part.substring(2));
            }
        }
        return fields;
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
