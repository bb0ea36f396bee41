package io.resourcepool.core.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the hub checks people: bcrypt cost and pool, lockout, and the lifetimes of sessions (access tokens) and of
 * the refresh families that renew them.
 *
 * @param bcryptCost the bcrypt work factor (log2 of the rounds), 10 to 20; 12 by default
 * @param bcryptThreads platform threads that run bcrypt, 1 to 256; the number of cores by default
 * @param bcryptQueue password checks that may wait for a thread, 1 to 10,000; more are answered "busy"
 * @param lockThreshold failed logins in a row that lock an account, 1 to 1,000; 5 by default
 * @param lockDuration how long a lock lasts; 15 minutes by default
 * @param sessionTimeout how long a session (an access token) lasts after login or refresh; 15 minutes by default
 * @param mfaRequiredForAdmins whether an admin must log in with a one-time code (an admin without a second
 *     factor cannot log in at all); false by default
 * @param decoyAccounts user names that can never log in, even if a user of that name exists: a login at one is a
 *     prober's guess, audited as {@code honeypot.account}; none by default
 * @param refreshIdleTimeout how long a refresh token may lie unused before it expires; 12 hours by default
 * @param refreshLifetime how long a refresh family lasts after the login, however often it is used; 7 days by default
 * @param passwordPolicy what a new password must be: its least length and the breached list; 8 bytes and no list by
 *     default
 */
public record AuthConfig(int bcryptCost, int bcryptThreads, int bcryptQueue, int lockThreshold, Duration lockDuration,
        Duration sessionTimeout, boolean mfaRequiredForAdmins, Set<String> decoyAccounts, Duration refreshIdleTimeout,
        Duration refreshLifetime, PasswordPolicy passwordPolicy) {

    /** How long a session lasts unless configured otherwise. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(15);

    /** How long a refresh token may lie unused unless configured otherwise. */
    public static final Duration DEFAULT_REFRESH_IDLE_TIMEOUT = Duration.ofHours(12);

    /** How long a refresh family lasts unless configured otherwise. */
    public static final Duration DEFAULT_REFRESH_LIFETIME = Duration.ofDays(7);

    /** The weakest bcrypt cost the hub accepts in production. */
    public static final int MIN_BCRYPT_COST = 10;

    /** The bcrypt cost used unless configured otherwise. */
    public static final int DEFAULT_BCRYPT_COST = 12;

    /** Above this a single check takes minutes: surely a typo. */
    public static final int MAX_BCRYPT_COST = 20;

    /** Checks every figure; each message names the field at fault. */
    public AuthConfig {
        between(bcryptCost, MIN_BCRYPT_COST, MAX_BCRYPT_COST, "bcryptCost");
        between(bcryptThreads, 1, 256, "bcryptThreads");
        between(bcryptQueue, 1, 10_000, "bcryptQueue");
        between(lockThreshold, 1, 1_000, "lockThreshold");
        positive(lockDuration, "lockDuration");
        positive(sessionTimeout, "sessionTimeout");
        positive(refreshIdleTimeout, "refreshIdleTimeout");
        positive(refreshLifetime, "refreshLifetime");
        decoyAccounts = decoyAccounts.stream().map(name -> UsernamePolicy.normalize(name).orElseThrow(() -> new IllegalArgumentException(
                "decoyAccounts: '" + name + "' is not a user name a login could give"))).collect(java.util.stream.Collectors.toUnmodifiableSet());
        Objects.requireNonNull(passwordPolicy, "passwordPolicy must be given");
    }

    /**
     * A configuration with the default refresh lifetimes and password policy.
     *
     * @param bcryptCost the bcrypt work factor
     * @param bcryptThreads threads that run bcrypt
     * @param bcryptQueue checks that may wait
     * @param lockThreshold failures that lock
     * @param lockDuration how long a lock lasts
     * @param sessionTimeout how long a session lasts
     * @param mfaRequiredForAdmins whether admins must log in with a one-time code
     * @param decoyAccounts user names that can never log in
     */
    public AuthConfig(int bcryptCost, int bcryptThreads, int bcryptQueue, int lockThreshold, Duration lockDuration,
            Duration sessionTimeout, boolean mfaRequiredForAdmins, Set<String> decoyAccounts) {
        this(bcryptCost, bcryptThreads, bcryptQueue, lockThreshold, lockDuration, sessionTimeout, mfaRequiredForAdmins, decoyAccounts,
                DEFAULT_REFRESH_IDLE_TIMEOUT, DEFAULT_REFRESH_LIFETIME, PasswordPolicy.defaults());
    }

    /**
     * A configuration without decoy accounts.
     *
     * @param bcryptCost the bcrypt work factor
     * @param bcryptThreads threads that run bcrypt
     * @param bcryptQueue checks that may wait
     * @param lockThreshold failures that lock
     * @param lockDuration how long a lock lasts
     * @param sessionTimeout how long a session lasts
     * @param mfaRequiredForAdmins whether admins must log in with a one-time code
     */
    public AuthConfig(int bcryptCost, int bcryptThreads, int bcryptQueue, int lockThreshold, Duration lockDuration,
            Duration sessionTimeout, boolean mfaRequiredForAdmins) {
        this(bcryptCost, bcryptThreads, bcryptQueue, lockThreshold, lockDuration, sessionTimeout, mfaRequiredForAdmins, Set.of());
    }

    /**
     * A configuration that does not require a second factor of admins.
     *
     * @param bcryptCost the bcrypt work factor
     * @param bcryptThreads threads that run bcrypt
     * @param bcryptQueue checks that may wait
     * @param lockThreshold failures that lock
     * @param lockDuration how long a lock lasts
     * @param sessionTimeout how long a session lasts
     */
    public AuthConfig(int bcryptCost, int bcryptThreads, int bcryptQueue, int lockThreshold, Duration lockDuration,
            Duration sessionTimeout) {
        this(bcryptCost, bcryptThreads, bcryptQueue, lockThreshold, lockDuration, sessionTimeout, false);
    }

    /**
     * The defaults: cost 12, one bcrypt thread per core, 64 waiting checks, 5 failures lock for 15 minutes,
     * sessions of 15 minutes renewed by refresh tokens that expire after 12 idle hours and 7 days in all, no second
     * factor required of admins.
     *
     * @return the default configuration
     */
    public static AuthConfig defaults() {
        return new AuthConfig(DEFAULT_BCRYPT_COST, Runtime.getRuntime().availableProcessors(), 64, 5,
                Duration.ofMinutes(15), DEFAULT_SESSION_TIMEOUT);
    }

    /**
     * A copy with another session timeout.
     *
     * @param timeout the new timeout
     * @return the changed configuration
     */
    public AuthConfig withSessionTimeout(Duration timeout) {
        return new AuthConfig(bcryptCost, bcryptThreads, bcryptQueue, lockThreshold, lockDuration, timeout, mfaRequiredForAdmins, decoyAccounts,
                refreshIdleTimeout, refreshLifetime, passwordPolicy);
    }

    /**
     * A copy with other refresh lifetimes.
     *
     * @param idleTimeout how long a refresh token may lie unused
     * @param lifetime how long a refresh family lasts after the login
     * @return the changed configuration
     */
    public AuthConfig withRefresh(Duration idleTimeout, Duration lifetime) {
        return new AuthConfig(bcryptCost, bcryptThreads, bcryptQueue, lockThreshold, lockDuration, sessionTimeout, mfaRequiredForAdmins,
                decoyAccounts, idleTimeout, lifetime, passwordPolicy);
    }

    /**
     * A copy with another lockout rule.
     *
     * @param threshold failures that lock
     * @param duration how long the lock lasts
     * @return the changed configuration
     */
    public AuthConfig withLockout(int threshold, Duration duration) {
        return new AuthConfig(bcryptCost, bcryptThreads, bcryptQueue, threshold, duration, sessionTimeout, mfaRequiredForAdmins, decoyAccounts,
                refreshIdleTimeout, refreshLifetime, passwordPolicy);
    }

    /**
     * A copy that does or does not require a second factor of admins.
     *
     * @param required whether admins must log in with a one-time code
     * @return the changed configuration
     */
    public AuthConfig withMfaRequiredForAdmins(boolean required) {
        return new AuthConfig(bcryptCost, bcryptThreads, bcryptQueue, lockThreshold, lockDuration, sessionTimeout, required, decoyAccounts,
                refreshIdleTimeout, refreshLifetime, passwordPolicy);
    }

    /**
     * A copy with these decoy accounts.
     *
     * @param names user names that can never log in
     * @return the changed configuration
     */
    public AuthConfig withDecoyAccounts(Set<String> names) {
        return new AuthConfig(bcryptCost, bcryptThreads, bcryptQueue, lockThreshold, lockDuration, sessionTimeout, mfaRequiredForAdmins, names,
                refreshIdleTimeout, refreshLifetime, passwordPolicy);
    }

    /**
     * A copy with another password policy.
     *
     * @param policy what a new password must be
     * @return the changed configuration
     */
    public AuthConfig withPasswordPolicy(PasswordPolicy policy) {
        return new AuthConfig(bcryptCost, bcryptThreads, bcryptQueue, lockThreshold, lockDuration, sessionTimeout, mfaRequiredForAdmins,
                decoyAccounts, refreshIdleTimeout, refreshLifetime, policy);
    }

    private static void between(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void positive(Duration value, String field) {
        Objects.requireNonNull(value, () -> field + " must be given");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
