package io.resourcepool.core.client;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.protocol.AuthMessage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A session the hub opened or found: after a login, a refresh or a password change, through either door.
 *
 * @param username who it belongs to
 * @param role their role when it was opened
 * @param token the session token, a bearer credential
 * @param expiresAt when it expires
 * @param passwordChangeRequired whether an admin's reset is pending: nothing but a password change is allowed
 * @param refreshToken the refresh token issued with it; empty when none was
 * @param refreshExpiresAt when that refresh token expires; empty when none was issued
 */
public record SessionGrant(String username, Role role, Secret token, Instant expiresAt, boolean passwordChangeRequired,
        Optional<Secret> refreshToken, Optional<Instant> refreshExpiresAt) {
    /** Checks the fields. */
    public SessionGrant {
        Objects.requireNonNull(username, "username must be given");
        Objects.requireNonNull(role, "role must be given");
        Objects.requireNonNull(token, "token must be given");
        Objects.requireNonNull(expiresAt, "expiresAt must be given");
        Objects.requireNonNull(refreshToken, "refreshToken must be given (empty when none)");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt must be given (empty when none)");
    }

    /**
     * The session the hub's AUTH_OK answer describes.
     *
     * @param ok the answer
     * @return the session
     */
    public static SessionGrant of(AuthMessage.AuthOk ok) {
        Optional<Secret> refresh = ok.refreshToken().isEmpty() ? Optional.empty() : Optional.of(Secret.of(ok.refreshToken()));
        return new SessionGrant(ok.username(), Role.fromWireName(ok.role()), Secret.of(ok.token()), Instant.ofEpochMilli(ok.expiresAt()),
                ok.passwordChangeRequired(), refresh, refresh.map(r -> Instant.ofEpochMilli(ok.refreshExpiresAt())));
    }
}
