package io.resourcepool.core.client;

import io.resourcepool.api.NodeId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A join token as an admin lists it: its history, never the token itself.
 *
 * @param id its public name, for revoking
 * @param createdBy the admin who made it
 * @param createdAt when it was made
 * @param expiresAt when it stops being accepted
 * @param usedAt when a machine enrolled with it, if one did
 * @param usedBy the node that enrolled with it, if one did
 * @param revoked whether an admin withdrew it
 */
public record JoinTokenInfo(String id, String createdBy, Instant createdAt, Instant expiresAt, Optional<Instant> usedAt,
        Optional<NodeId> usedBy, boolean revoked) {
    /** Checks the fields. */
    public JoinTokenInfo {
        Objects.requireNonNull(id, "id must be given");
        Objects.requireNonNull(createdBy, "createdBy must be given");
        Objects.requireNonNull(createdAt, "createdAt must be given");
        Objects.requireNonNull(expiresAt, "expiresAt must be given");
        Objects.requireNonNull(usedAt, "usedAt must be given (empty when unused)");
        Objects.requireNonNull(usedBy, "usedBy must be given (empty when unused)");
    }

    /**
     * Whether a machine could still enroll with it at a given time.
     *
     * @param now the time
     * @return true when unused, not revoked and not expired
     */
    public boolean isUsableAt(Instant now) {
        return usedAt.isEmpty() && !revoked && now.isBefore(expiresAt);
    }
}
