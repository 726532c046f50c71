package dev.parley.channels;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import dev.parley.InvalidInputException;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * Encrypts channel secrets (app secrets, verify tokens, auth tokens) with AES-256-GCM before they
 * are stored. The key comes from {@code PARLEY_SECRET_KEY} (base64 of 32 bytes; set it when
 * several instances share one MongoDB) or from {@code <data dir>/secret.key}, created on first use.
 */
public final class SecretBox {

    private static final String PREFIX = "gcm1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    public static SecretBox from(String base64Key, Path dataDir) {
        if (base64Key != null && !base64Key.isBlank()) {
            byte[] key = Base64.getDecoder().decode(base64Key.trim());
            if (key.length != 32) {
                throw new InvalidInputException("PARLEY_SECRET_KEY", "must be the base64 of 32 random bytes");
            }
            return new SecretBox(key);
        }
        return new SecretBox(keyFile(dataDir.resolve("secret.key")));
    }

    private static synchronized byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                Path tmp = file.resolveSibling("secret.key.tmp");
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key " + file, e);
        }
    }

    public String seal(String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * HMAC-SHA256 of {@code text} (hex) under a key derived from this box's key, so signatures and
     * sealed secrets never share a key.
     */
    public String sign(String text) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] signingKey = derive.doFinal("parley-signing-key-v1".getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** A 32-byte key for {@code purpose}, derived from this box's key (HMAC-SHA256 of the purpose's label). */
    public byte[] derive(String purpose) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return derive.doFinal(("parley-" + purpose + "-key-v1").getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("not a sealed secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a channel secret cannot be decrypted: was PARLEY_SECRET_KEY changed?", e);
        }
    }
}
