package io.resourcepool.launcher.hub;

import io.resourcepool.core.auth.AuthConfig;
import io.resourcepool.core.auth.BreachedPasswords;
import io.resourcepool.core.auth.PasswordPolicy;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;

/** Reads the {@code auth.*} keys: how people are checked, how long their sessions last, what a password must be. */
final class AuthSettings {
    private AuthSettings() {}

    /** bcrypt, lockout, session and refresh lifetimes, second factor for admins, decoy accounts, password rules. */
    static AuthConfig auth(Settings s) {
        return new AuthConfig(s.integer(ConfigKey.AUTH_BCRYPT_COST), AuthConfig.defaults().bcryptThreads(),
                AuthConfig.defaults().bcryptQueue(), s.integer(ConfigKey.AUTH_LOCKOUT_THRESHOLD),
                s.duration(ConfigKey.AUTH_LOCKOUT_DURATION), s.duration(ConfigKey.AUTH_SESSION_TIMEOUT),
                s.bool(ConfigKey.AUTH_MFA_REQUIRED_FOR_ADMINS), DecoySettings.accounts(s), s.duration(ConfigKey.AUTH_REFRESH_IDLE_TIMEOUT),
                s.duration(ConfigKey.AUTH_REFRESH_LIFETIME), passwordPolicy(s));
    }

    /** Failed logins and enrolments allowed per source address within the window. */
    static RateLimits rateLimits(Settings s) {
        return new RateLimits(s.integer(ConfigKey.AUTH_LOGIN_FAILURES_PER_ADDRESS),
                s.integer(ConfigKey.AUTH_ENROLMENTS_PER_ADDRESS), s.duration(ConfigKey.AUTH_RATE_LIMIT_WINDOW),
                RateLimits.defaults().maxTrackedAddresses());
    }

    /** {@code auth.password.*}: the least length, and the breached list read once here (a large one stays on disk). */
    private static PasswordPolicy passwordPolicy(Settings s) {
        BreachedPasswords breached = BreachedPasswords.none();
        if (s.text(ConfigKey.AUTH_PASSWORD_BREACHED_LIST).isPresent()) {
            try {
                breached = BreachedPasswords.load(s.path(ConfigKey.AUTH_PASSWORD_BREACHED_LIST));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ConfigKey.AUTH_PASSWORD_BREACHED_LIST.key() + ": " + e.getMessage(), e);
            }
        }
        return new PasswordPolicy(s.integer(ConfigKey.AUTH_PASSWORD_MIN_LENGTH), breached);
    }

}
