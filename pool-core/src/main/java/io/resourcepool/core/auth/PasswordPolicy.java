package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a new password must be: at least {@link #minBytes()} bytes in UTF-8 ({@value #DEFAULT_MIN_BYTES} unless
 * configured, {@code auth.password.min-length}), at most {@value #MAX_BYTES}, and not on the operator's list of
 * breached passwords ({@code auth.password.breached-list}), if one is given. The upper bound is bcrypt's: it reads
 * only the first 72 bytes, so a longer password would be cut without anyone knowing. We refuse it instead.
 *
 * <p>The policy is enforced in full wherever a password is set (user creation, the first admin, an own change, an
 * admin's reset). At login only the upper bound matters, and an over-long password there simply fails like any wrong
 * password, with the same generic answer: it cannot be right, since none longer than 72 bytes was ever accepted, and
 * telling the caller why would tell an attacker more than a user needs. No message ever holds the password.
 *
 * @param minBytes the fewest UTF-8 bytes a password may have, {@value #DEFAULT_MIN_BYTES} to {@value #MAX_BYTES}
 * @param breached passwords known to have leaked
 */
public record PasswordPolicy(int minBytes, BreachedPasswords breached) {
    /** The fewest UTF-8 bytes a password may have unless configured otherwise. */
    public static final int DEFAULT_MIN_BYTES = 8;

    /** The most UTF-8 bytes a password may have: all that bcrypt reads. */
    public static final int MAX_BYTES = 72;

    /** Refuses a minimum below the default (weaker than the pool has ever allowed) or above bcrypt's maximum. */
    public PasswordPolicy {
        if (minBytes < DEFAULT_MIN_BYTES || minBytes > MAX_BYTES) {
            throw new IllegalArgumentException("minBytes (auth.password.min-length) must be between " + DEFAULT_MIN_BYTES
                    + " and " + MAX_BYTES + ", was " + minBytes);
        }
        Objects.requireNonNull(breached, "breached must be given (BreachedPasswords.none() for no list)");
    }

    /**
     * The default: 8 to 72 bytes, no breached list.
     *
     * @return the default policy
     */
    public static PasswordPolicy defaults() {
        return new PasswordPolicy(DEFAULT_MIN_BYTES, BreachedPasswords.none());
    }

    /**
     * Checks a new password.
     *
     * @param password the password
     * @return the same password
     * @throws IllegalArgumentException when it is too short, too long or on the breached list; the message gives the
     *     lengths, never the password
     */
    public Secret check(Secret password) {
        int bytes = utf8Length(password);
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("passwords may be at most " + MAX_BYTES + " bytes in UTF-8 (this one is "
                    + bytes + "); bcrypt would silently ignore the rest");
        }
        if (bytes < minBytes) {
            throw new IllegalArgumentException("passwords must be at least " + minBytes + " bytes in UTF-8 (this one is "
                    + bytes + ")");
        }
        if (breached.contains(password)) {
            throw new IllegalArgumentException("this password is on the hub's list of passwords known from data breaches,"
                    + " so attackers try it first; choose another");
        }
        return password;
    }

    /**
     * Says whether bcrypt would read the whole password.
     *
     * @param password the password
     * @return true when it is at most {@value #MAX_BYTES} bytes in UTF-8
     */
    public static boolean fitsBcrypt(Secret password) {
        return utf8Length(password) <= MAX_BYTES;
    }

    /**
     * The length of a password in UTF-8, counted the way bcrypt will see it.
     *
     * @param password the password
     * @return its size in bytes
     */
    public static int utf8Length(Secret password) {
        byte[] bytes = password.reveal().getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        Arrays.fill(bytes, (byte) 0);
        return length;
    }
}
