package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * A refresh token as the hub hands it out, once: used with {@link Authenticator#refresh}, it gives a new session and
 * the next refresh token, and is spent.
 *
 * @param token the token, to be shown to the client only (its {@code toString} hides it); the store keeps its hash
 * @param expiresAt when it stops being usable, unused: the idle timeout after issue, never after its family's end
 */
public record IssuedRefreshToken(Secret token, Instant expiresAt) {
    /** Checks the fields. */
    public IssuedRefreshToken {
        Objects.requireNonNull(token, "token must be given");
        Objects.requireNonNull(expiresAt, "expiresAt must be given");
    }
}
