package io.resourcepool.core.auth;

import io.resourcepool.api.Role;
import io.resourcepool.api.spi.store.UserAccount;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user as an admin may see them: everything but the password hash.
 *
 * @param username the login name
 * @param role what they may do
 * @param failedLogins failed logins since the last success or lock
 * @param lockedUntil when a lock ends, if one was set (it may lie in the past)
 * @param createdAt when the account was made
 */
public record UserSummary(String username, Role role, int failedLogins, Optional<Instant> lockedUntil, Instant createdAt) {
    /** Checks the fields. */
    public UserSummary {
        Objects.requireNonNull(username, "username must be given");
        Objects.requireNonNull(role, "role must be given");
        Objects.requireNonNull(lockedUntil, "lockedUntil must be given (empty when never locked)");
        Objects.requireNonNull(createdAt, "createdAt must be given");
    }

    /**
     * The summary of an account.
     *
     * @param account the account
     * @return its summary, without the hash
     */
    public static UserSummary of(UserAccount account) {
        return new UserSummary(account.username(), account.role(), account.failedLogins(), account.lockedUntil(),
                account.createdAt());
    }

    /**
     * Says whether the account is locked at the given time.
     *
     * @param now the time to check
     * @return true while a lock holds
     */
    public boolean isLockedAt(Instant now) {
        return lockedUntil.map(now::isBefore).orElse(false);
    }
}
