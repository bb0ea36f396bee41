package io.resourcepool.launcher.client;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The session {@code pool login} keeps so that later commands resume it instead of asking for the password:
 * the hub, its CA fingerprint, the user and the session token, in a file only its owner can read.
 *
 * @param hub the hub's {@code host:port}
 * @param caFingerprint the hub's CA fingerprint
 * @param username who logged in
 * @param token the session token
 */
public record SavedSession(String hub, String caFingerprint, String username, Secret token) {

    /**
     * Reads the saved session, if there is one.
     *
     * @param file where it is kept
     * @return the session
     */
    public static Optional<SavedSession> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the saved session " + file + ": " + e.getMessage(), e);
        }
        String token = p.getProperty("token", "");
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SavedSession(p.getProperty("hub", ""), p.getProperty("ca-fingerprint", ""), p.getProperty("user", ""), Secret.of(token)));
    }

    /**
     * Writes the session with owner-only permissions, replacing any earlier one atomically.
     *
     * @param file where to keep it
     */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".session", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Properties p = new Properties();
            p.setProperty("hub", hub);
            p.setProperty("ca-fingerprint", caFingerprint);
            p.setProperty("user", username);
            p.setProperty("token", token.reveal());
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "ResourcePool session: keep this file private");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigurationException("cannot save the session to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forgets the saved session.
     *
     * @param file where it is kept
     */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot remove the saved session " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SavedSession[hub=" + hub + ", user=" + username + "]";
    }
}
