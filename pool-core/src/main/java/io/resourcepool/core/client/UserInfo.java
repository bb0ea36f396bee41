package io.resourcepool.core.client;

import io.resourcepool.api.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * A user as admins see them.
 *
 * @param username the login name
 * @param role the role
 * @param locked whether the account is locked now
 * @param createdAt when it was made
 */
public record UserInfo(String username, Role role, boolean locked, Instant createdAt) {
    /** Checks the fields. */
    public UserInfo {
        Objects.requireNonNull(username, "username must be given");
        Objects.requireNonNull(role, "role must be given");
        Objects.requireNonNull(createdAt, "createdAt must be given");
    }
}
