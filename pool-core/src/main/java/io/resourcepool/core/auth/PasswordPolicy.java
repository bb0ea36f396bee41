package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How long a password may be: 8 to 72 bytes once encoded in UTF-8. The upper bound is bcrypt's: it reads
 * only the first 72 bytes, so a longer password would be cut without anyone knowing. We refuse it instead.
 *
 * <p>The policy is enforced in full when a password is set (user creation, password change). At login only
 * the upper bound matters, and an over-long password there simply fails like any wrong password, with the
 * same generic answer: it cannot be right, since none longer than 72 bytes was ever accepted, and telling the
 * caller why would tell an attacker more than a user needs.
 */
public final class PasswordPolicy {
    /** The fewest UTF-8 bytes a password may have. */
    public static final int MIN_BYTES = 8;

    /** The most UTF-8 bytes a password may have: all that bcrypt reads. */
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {}

    /**
     * Checks a new password.
     *
     * @param password the password
     * @return the same password
     * @throws IllegalArgumentException when it is too short or too long; the message gives the lengths, never
     *     the password
     */
    public static Secret check(Secret password) {
        int bytes = utf8Length(password);
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("passwords may be at most " + MAX_BYTES + " bytes in UTF-8 (this one is "
                    + bytes + "); bcrypt would silently ignore the rest");
        }
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("passwords must be at least " + MIN_BYTES + " bytes in UTF-8 (this one is "
                    + bytes + ")");
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
