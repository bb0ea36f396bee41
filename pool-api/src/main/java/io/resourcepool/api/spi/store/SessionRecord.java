package io.resourcepool.api.spi.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A login session, kept by the SHA-256 hash of its token (the token itself is never stored).
 *
 * @param tokenHash lower-case hex SHA-256 of the token
 * @param username whose session it is
 * @param createdAt when it began
 * @param expiresAt when it stops being valid
 * @param revokedAt when it was ended by logout or an admin, if it was
 */
public record SessionRecord(String tokenHash, String username, Instant createdAt, Instant expiresAt, Optional<Instant> revokedAt) {
    /** Checks the fields. */
    public SessionRecord {
        Objects.requireNonNull(tokenHash, "tokenHash must be given");
        Objects.requireNonNull(username, "username must be given");
        Objects.requireNonNull(createdAt, "createdAt must be given");
        Objects.requireNonNull(expiresAt, "expiresAt must be given");
        Objects.requireNonNull(revokedAt, "revokedAt must be given (empty when live)");
    }

    /**
     * Says whether the session may be used at the given time.
     *
     * @param now the time to check
     * @return true when neither expired nor revoked
     */
    public boolean isValidAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }
}
