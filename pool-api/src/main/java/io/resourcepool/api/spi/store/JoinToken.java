package io.resourcepool.api.spi.store;

import io.resourcepool.api.NodeId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A single-use permission for a machine to enroll, kept by the SHA-256 hash of its secret.
 *
 * @param id a short public name for listing and revoking (not secret)
 * @param tokenHash lower-case hex SHA-256 of the token's secret
 * @param createdBy the admin who made it
 * @param createdAt when it was made
 * @param expiresAt when it stops being accepted
 * @param usedAt when a node enrolled with it, if one did
 * @param usedBy the node that enrolled with it, if one did
 * @param revoked whether an admin withdrew it
 */
public record JoinToken(
        String id,
        String tokenHash,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Optional<Instant> usedAt,
        Optional<NodeId> usedBy,
        boolean revoked) {

    /** Checks the fields. */
    public JoinToken {
        Objects.requireNonNull(id, "id must be given");
        Objects.requireNonNull(tokenHash, "tokenHash must be given");
        Objects.requireNonNull(createdBy, "createdBy must be given");
        Objects.requireNonNull(createdAt, "createdAt must be given");
        Objects.requireNonNull(expiresAt, "expiresAt must be given");
        Objects.requireNonNull(usedAt, "usedAt must be given (empty when unused)");
        Objects.requireNonNull(usedBy, "usedBy must be given (empty when unused)");
    }

    /**
     * A new, unused token.
     *
     * @param id its public name
     * @param tokenHash hex SHA-256 of the secret
     * @param createdBy the admin
     * @param createdAt now
     * @param expiresAt when it expires
     * @return the token
     */
    public static JoinToken create(String id, String tokenHash, String createdBy, Instant createdAt, Instant expiresAt) {
        return new JoinToken(id, tokenHash, createdBy, createdAt, expiresAt, Optional.empty(), Optional.empty(), false);
    }

    /**
     * Says whether the token can still be used at the given time.
     *
     * @param now the time to check
     * @return true when unused, not revoked and not expired
     */
    public boolean isUsableAt(Instant now) {
        return usedAt.isEmpty() && !revoked && now.isBefore(expiresAt);
    }
}
