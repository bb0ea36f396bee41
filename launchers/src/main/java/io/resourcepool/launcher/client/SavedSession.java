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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The session {@code pool login} keeps so that later commands resume it instead of asking for the password:
 * the hub, its CA fingerprint, the user, the session token with its expiry and the refresh token that renews it
 * ({@link SessionRenewal}), in a file only its owner can read.
 *
 * @param hub the hub's {@code host:port}
 * @param caFingerprint the hub's CA fingerprint
 * @param username who logged in
 * @param token the session token
 * @param refreshToken the refresh token issued with it; empty when none was (a file written before refresh tokens)
 * @param expiresAt when the session token expires, when known
 */
public record SavedSession(String hub, String caFingerprint, String username, Secret token, Secret refreshToken,
        Optional<Instant> expiresAt) {

    /** Checks the fields. */
    public SavedSession {
        Objects.requireNonNull(token, "token must be given");
        Objects.requireNonNull(refreshToken, "refreshToken must be given (empty when none)");
        Objects.requireNonNull(expiresAt, "expiresAt must be given (empty when unknown)");
    }

    /**
     * A saved session without a refresh token, whose expiry is not known.
     *
     * @param hub the hub's {@code host:port}
     * @param caFingerprint the hub's CA fingerprint
     * @param username who logged in
     * @param token the session token
     */
    public SavedSession(String hub, String caFingerprint, String username, Secret token) {
        this(hub, caFingerprint, username, token, Secret.of(""), Optional.empty());
    }

    /**
     * The session a client now holds on this hub, to save.
     *
     * @param hub the hub's {@code host:port}
     * @param caFingerprint the hub's CA fingerprint
     * @param username who logged in
     * @param client the logged-in client
     * @return the session with its tokens and expiry
     */
    public static SavedSession of(String hub, String caFingerprint, String username, io.resourcepool.core.client.PoolClient client) {
        return new SavedSession(hub, caFingerprint, username, client.sessionToken().orElseThrow(),
                client.refreshToken().orElse(Secret.of("")), client.sessionExpiresAt());
    }

    /**
     * This hub and user, with the session a client now holds.
     *
     * @param client the client, logged in again (after a refresh or a password change)
     * @return the session to save
     */
    public SavedSession renewedBy(io.resourcepool.core.client.PoolClient client) {
        return of(hub, caFingerprint, username, client);
    }

    /**
     * Whether the session token has expired, or will have within the margin, as far as this machine's clock knows.
     *
     * @param now the time
     * @param margin how long before its end a token counts as expired already
     * @return false when the expiry is unknown
     */
    public boolean expiredAt(Instant now, java.time.Duration margin) {
        return expiresAt.filter(end -> !now.plus(margin).isBefore(end)).isPresent();
    }

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
        return Optional.of(new SavedSession(p.getProperty("hub", ""), p.getProperty("ca-fingerprint", ""), p.getProperty("user", ""),
                Secret.of(token), Secret.of(p.getProperty("refresh-token", "")), expiry(p.getProperty("expires-at", ""))));
    }

    private static Optional<Instant> expiry(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // a hand-edited time: resume and see
        }
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
            if (!refreshToken.reveal().isEmpty()) {
                p.setProperty("refresh-token", refreshToken.reveal());
            }
            expiresAt.ifPresent(end -> p.setProperty("expires-at", end.toString()));
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
