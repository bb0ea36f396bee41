package io.resourcepool.core.client;

import io.resourcepool.api.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * A join token an admin made, with what a worker needs to pin the hub.
 *
 * @param id the token's public name, for listing and revoking
 * @param token the token; show it once, never log it
 * @param expiresAt when it stops being accepted
 * @param caFingerprint the SHA-256 fingerprint of the hub's CA
 */
public record JoinTokenGrant(String id, Secret token, Instant expiresAt, String caFingerprint) {
    /** Checks the fields. */
    public JoinTokenGrant {
        Objects.requireNonNull(id, "id must be given");
        Objects.requireNonNull(token, "token must be given");
        Objects.requireNonNull(expiresAt, "expiresAt must be given");
        Objects.requireNonNull(caFingerprint, "caFingerprint must be given");
    }
}
