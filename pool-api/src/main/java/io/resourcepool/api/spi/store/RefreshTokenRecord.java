package io.resourcepool.api.spi.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One refresh token of a refresh family, kept by the SHA-256 hash of its text (the token itself is never stored).
 *
 * <p>A family begins at login with one token; each use of its live token spends it and adds the next, so a family
 * is a chain of tokens of which at most one is unspent. Each token records the hash of the access token (session)
 * issued with it, so that ending the family ends those sessions too.
 *
 * @param tokenHash lower-case hex SHA-256 of the token
 * @param familyId the family's id, shared by every token of the chain
 * @param username whose family it is
 * @param accessTokenHash the {@link SessionRecord#tokenHash()} of the session issued together with this token
 * @param createdAt when it was issued
 * @param expiresAt when it stops being usable: the idle lifetime after issue, never after {@code familyExpiresAt}
 * @param familyExpiresAt when the whole family ends, however busy: the absolute lifetime after the login
 * @param spentAt when it was used (and the next token issued), if it was
 * @param revokedAt when its family was ended (logout, revocation, reuse of a spent token), if it was
 */
public record RefreshTokenRecord(String tokenHash, String familyId, String username, String accessTokenHash, Instant createdAt,
        Instant expiresAt, Instant familyExpiresAt, Optional<Instant> spentAt, Optional<Instant> revokedAt) {
    /** Checks the fields. */
    public RefreshTokenRecord {
        Objects.requireNonNull(tokenHash, "tokenHash must be given");
        Objects.requireNonNull(familyId, "familyId must be given");
        Objects.requireNonNull(username, "username must be given");
        Objects.requireNonNull(accessTokenHash, "accessTokenHash must be given");
        Objects.requireNonNull(createdAt, "createdAt must be given");
        Objects.requireNonNull(expiresAt, "expiresAt must be given");
        Objects.requireNonNull(familyExpiresAt, "familyExpiresAt must be given");
        Objects.requireNonNull(spentAt, "spentAt must be given (empty when unspent)");
        Objects.requireNonNull(revokedAt, "revokedAt must be given (empty when live)");
        if (expiresAt.isAfter(familyExpiresAt)) {
            throw new IllegalArgumentException("expiresAt must not be after familyExpiresAt, was " + expiresAt + " > " + familyExpiresAt);
        }
    }

    /**
     * A token just issued: neither spent nor revoked.
     *
     * @param tokenHash hex SHA-256 of the token
     * @param familyId the family's id
     * @param username whose family it is
     * @param accessTokenHash the hash of the session issued with it
     * @param createdAt when it is issued
     * @param expiresAt when it stops being usable
     * @param familyExpiresAt when the family ends
     * @return the record
     */
    public static RefreshTokenRecord issued(String tokenHash, String familyId, String username, String accessTokenHash,
            Instant createdAt, Instant expiresAt, Instant familyExpiresAt) {
        return new RefreshTokenRecord(tokenHash, familyId, username, accessTokenHash, createdAt, expiresAt, familyExpiresAt,
                Optional.empty(), Optional.empty());
    }

    /**
     * Says whether the token may be used at the given time.
     *
     * @param now the time to check
     * @return true when neither spent, revoked nor expired
     */
    public boolean isUsableAt(Instant now) {
        return spentAt.isEmpty() && revokedAt.isEmpty() && now.isBefore(expiresAt);
    }
}
