package io.resourcepool.core.auth;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A logged-in person, as the hub sees them after a login or a resume.
 *
 * @param token the session token, to be shown to the client only (its {@code toString} hides it)
 * @param username who is logged in
 * @param role what they may do, as it stands in the store now
 * @param expiresAt when the session ends
 * @param passwordChangeRequired whether an admin reset the user's password, so that the session may do nothing but
 *     change it (or log out) until the user has chosen a new one
 * @param refresh the refresh token issued with the session, on a login, a password change or a refresh; empty on a
 *     resume or a recheck, which issue none
 */
public record Session(Secret token, String username, Role role, Instant expiresAt, boolean passwordChangeRequired,
        Optional<IssuedRefreshToken> refresh) {
    /** Checks the fields. */
    public Session {
        Objects.requireNonNull(token, "token must be given");
        Objects.requireNonNull(username, "username must be given");
        Objects.requireNonNull(role, "role must be given");
        Objects.requireNonNull(expiresAt, "expiresAt must be given");
        Objects.requireNonNull(refresh, "refresh must be given (empty when none was issued)");
    }

    /**
     * A session without a refresh token.
     *
     * @param token the session token
     * @param username who is logged in
     * @param role what they may do
     * @param expiresAt when the session ends
     * @param passwordChangeRequired whether they must set a new password first
     */
    public Session(Secret token, String username, Role role, Instant expiresAt, boolean passwordChangeRequired) {
        this(token, username, role, expiresAt, passwordChangeRequired, Optional.empty());
    }

    /**
     * This session with the refresh token issued with it.
     *
     * @param issued the refresh token
     * @return the session carrying it
     */
    public Session withRefresh(IssuedRefreshToken issued) {
        return new Session(token, username, role, expiresAt, passwordChangeRequired, Optional.of(issued));
    }

    /**
     * This person, acting from the given address, for the audit log.
     *
     * @param sourceAddress where their request came from, empty when not from the network
     * @return the actor
     */
    public Actor actor(String sourceAddress) {
        return new Actor(username, sourceAddress);
    }
}
