package dev.parley.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The user and password of the embedded store's loopback port. For a data directory they are kept
 * in {@code mongo.password}, created once, readable by its owner only (0600), so that the CLI
 * and other tools of the same OS user connect and nobody else does; an in-memory store gets a
 * password that lives as long as the process.
 */
record StoreCredentials(String user, String password) {

    static final String USER = "parley";
    static final String PASSWORD_FILE = "mongo.password";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String toString() {
        return "StoreCredentials[user=" + user + ", password=***]";
    }

    /** For a store that keeps nothing: a fresh password, never written anywhere. */
    static StoreCredentials ephemeral() {
        return new StoreCredentials(USER, newPassword());
    }

    /** The data directory's password, created with owner-only permissions on first use. */
    static StoreCredentials ofDataDirectory(Path dir) throws IOException {
        Path file = dir.resolve(PASSWORD_FILE);
        if (!Files.exists(file)) {
            Path tmp = dir.resolve(PASSWORD_FILE + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, newPassword(), StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
            }
        }
        ownerOnly(file);
        return read(dir);
    }

    /** The password another process (the owner of the data directory) wrote. */
    static StoreCredentials read(Path dir) throws IOException {
        String password = Files.readString(dir.resolve(PASSWORD_FILE), StandardCharsets.US_ASCII).trim();
        if (password.isEmpty()) {
            throw new IOException(dir.resolve(PASSWORD_FILE) + " is empty");
        }
        return new StoreCredentials(USER, password);
    }

    /** A password file that others could read (copied, restored from a backup) is made owner-only again. */
    private static void ownerOnly(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
            if (!permissions.equals(owner)) {
                Files.setPosixFilePermissions(file, owner);
            }
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: the directory's own permissions decide
        }
    }

    /** {@code user:password@}, URL-safe as the password is. */
    String userInfo() {
        return user + ":" + password + "@";
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
