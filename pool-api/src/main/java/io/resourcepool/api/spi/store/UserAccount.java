package io.resourcepool.api.spi.store;

import io.resourcepool.api.Role;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who may log in.
 *
 * @param username the login name
 * @param role what they may do
 * @param passwordHash the bcrypt hash of their password
 * @param failedLogins failed logins since the last success or lock
 * @param lockedUntil when a lock ends, if the account is locked
 * @param createdAt when the account was made
 * @param passwordChangeRequired whether an admin reset the password, so that the user must choose a new one before
 *     doing anything else
 */
public record UserAccount(
        String username, Role role, String passwordHash, int failedLogins, Optional<Instant> lockedUntil, Instant createdAt,
        boolean passwordChangeRequired) {

    /** Checks the fields. */
    public UserAccount {
        Objects.requireNonNull(username, "username must be given");
        Objects.requireNonNull(role, "role must be given");
        Objects.requireNonNull(passwordHash, "passwordHash must be given");
        Objects.requireNonNull(lockedUntil, "lockedUntil must be given (empty when unlocked)");
        Objects.requireNonNull(createdAt, "createdAt must be given");
        if (failedLogins < 0) {
            throw new IllegalArgumentException("failedLogins must not be negative, was " + failedLogins);
        }
    }

    /**
     * A new account with no failures and no lock.
     *
     * @param username the login name
     * @param role the role
     * @param passwordHash the bcrypt hash
     * @param createdAt now
     * @return the account
     */
    public static UserAccount create(String username, Role role, String passwordHash, Instant createdAt) {
        return new UserAccount(username, role, passwordHash, 0, Optional.empty(), createdAt, false);
    }

    /**
     * This account with another password.
     *
     * @param hash the new bcrypt hash
     * @param changeRequired whether the user must choose another before doing anything else
     * @return the changed account
     */
    public UserAccount withPassword(String hash, boolean changeRequired) {
        return new UserAccount(username, role, hash, failedLogins, lockedUntil, createdAt, changeRequired);
    }

    /**
     * This account with another role.
     *
     * @param newRole the role
     * @return the changed account
     */
    public UserAccount withRole(Role newRole) {
        return new UserAccount(username, newRole, passwordHash, failedLogins, lockedUntil, createdAt, passwordChangeRequired);
    }

    /**
     * This account with another failure count and lock.
     *
     * @param failures failed logins since the last success or lock
     * @param lock when a lock ends, if locked
     * @return the changed account
     */
    public UserAccount withFailures(int failures, Optional<Instant> lock) {
        return new UserAccount(username, role, passwordHash, failures, lock, createdAt, passwordChangeRequired);
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

    /** The hash is left out so that it cannot reach a log. */
    @Override
    public String toString() {
        return "UserAccount[username=" + username + ", role=" + role.wireName() + ", failedLogins=" + failedLogins
                + ", lockedUntil=" + lockedUntil + ", createdAt=" + createdAt + ", passwordChangeRequired=" + passwordChangeRequired + "]";
    }
}
