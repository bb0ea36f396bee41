package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.UserAccount;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a user name and password with lockout (the caller clears the count with {@link #succeeded} once the
 * whole login has passed), spending exactly one bcrypt check whatever the outcome: for a
 * known user, an unknown one, a locked account or an over-long password alike. So neither the answer nor its
 * timing tells them apart.
 */
final class PasswordCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordCheck.class);

    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final AuthConfig config;
    private final InstantSource clock;

    PasswordCheck(CredentialStore credentials, PasswordHasher hasher, AuthConfig config, InstantSource clock) {
        this.credentials = credentials;
        this.hasher = hasher;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The verdict.
     *
     * @param account the account, present only when the password was right and the account open
     * @param failure why it failed, for the audit log only; empty on success
     */
    record Outcome(Optional<UserAccount> account, String failure) {
        static Outcome passed(UserAccount account) {
            return new Outcome(Optional.of(account), "");
        }

        static Outcome failed(String failure) {
            return new Outcome(Optional.empty(), failure);
        }
    }

    /**
     * Checks a name and password; a wrong password on an open account counts towards its lock.
     *
     * @param typedName the user name as typed
     * @param password the password offered
     * @return the verdict
     */
    Outcome check(String typedName, Secret password) {
        Instant now = clock.instant();
        Optional<UserAccount> found = UsernamePolicy.normalize(typedName).flatMap(credentials::findUser);
        if (found.isEmpty()) {
            hasher.verifyUnknownUser(password);
            return Outcome.failed("unknown user");
        }
        UserAccount user = found.get();
        boolean matches = hasher.verify(password, user.passwordHash());
        if (user.isLockedAt(now)) {
            // Not counted: counting would let anyone stretch a lock forever by knocking.
            return Outcome.failed("account locked until " + user.lockedUntil().orElseThrow());
        }
        if (!PasswordPolicy.fitsBcrypt(password)) {
            return countFailure(user, now, "password longer than " + PasswordPolicy.MAX_BYTES + " bytes");
        }
        if (!matches) {
            return countFailure(user, now, "wrong password");
        }
        return Outcome.passed(user);
    }

    /**
     * Spends the one bcrypt check of a login at a decoy account, so that its answer comes no sooner than a real
     * account's would.
     *
     * @param password the password offered
     */
    void decoy(Secret password) {
        hasher.verifyUnknownUser(password);
    }

    /**
     * Clears the failure count once the whole login has passed (password and, where needed, second factor):
     * not before, or a thief who knows the password could reset the count between wrong codes.
     *
     * @param user the account that passed
     */
    void succeeded(UserAccount user) {
        if (user.failedLogins() > 0) {
            credentials.clearFailedLogins(user.username());
        }
    }

    /**
     * Counts a failure of a login whose password was right but whose second factor was not.
     *
     * @param user the account
     * @param reason why, for the audit log
     * @return the reason, with the lock it set if it set one
     */
    String countFailure(UserAccount user, String reason) {
        return countFailure(user, clock.instant(), reason).failure();
    }

    private Outcome countFailure(UserAccount user, Instant now, String reason) {
        Optional<UserAccount> after = credentials.recordFailedLogin(user.username(), config.lockThreshold(),
                now.plus(config.lockDuration()));
        if (after.isPresent() && after.get().isLockedAt(now)) {
            Instant until = after.get().lockedUntil().orElseThrow();
            LOG.info("account {} locked until {} after {} failed logins", user.username(), until, config.lockThreshold());
            return Outcome.failed(reason + "; " + Authenticator.LOCKED_NOW + until);
        }
        return Outcome.failed(reason);
    }
}
