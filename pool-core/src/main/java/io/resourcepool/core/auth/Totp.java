package io.resourcepool.core.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) as authenticator apps make them: HMAC-SHA1,
 * {@value #DIGITS} digits, {@value #STEP_SECONDS}-second steps counted from 1970. A code is accepted from the
 * step before to the step after the current one, for clocks that differ by up to half a minute.
 */
public final class Totp {
    /** Digits in a code. */
    public static final int DIGITS = 6;

    /** Seconds in a time step. */
    public static final int STEP_SECONDS = 30;

    /** Steps either side of now whose codes are accepted. */
    public static final int WINDOW_STEPS = 1;

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {}

    /**
     * The time step an instant falls in.
     *
     * @param at the instant
     * @return seconds since 1970 divided by {@value #STEP_SECONDS}
     */
    public static long stepAt(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /**
     * The code of a time step, with {@value #DIGITS} digits.
     *
     * @param seed the shared secret
     * @param step the time step
     * @return the code, zero-padded
     */
    public static String code(byte[] seed, long step) {
        return code(seed, step, DIGITS, "HmacSHA1");
    }

    /**
     * The code of a time step with any number of digits and HMAC, for checking against the RFC's vectors.
     *
     * @param seed the shared secret
     * @param step the time step
     * @param digits 1 to 8
     * @param hmac a {@link Mac} algorithm, such as {@code HmacSHA1}
     * @return the code, zero-padded
     */
    public static String code(byte[] seed, long step, int digits, String hmac) {
        if (digits < 1 || digits > 8) {
            throw new IllegalArgumentException("digits must be between 1 and 8, was " + digits);
        }
        byte[] hash = hmac(seed, step, hmac);
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        String digitsText = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - digitsText.length()) + digitsText;
    }

    /**
     * Finds the step, within {@value #WINDOW_STEPS} of now, whose code this is. Every step in the window is
     * computed and compared in constant time, so the time taken does not say which matched.
     *
     * @param seed the shared secret
     * @param offered the code offered
     * @param now the time
     * @return the matching step, empty when none matches
     */
    public static OptionalLong matchingStep(byte[] seed, String offered, Instant now) {
        byte[] given = offered.getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        long found = -1;
        for (long step = current - WINDOW_STEPS; step <= current + WINDOW_STEPS; step++) {
            boolean same = MessageDigest.isEqual(code(seed, step).getBytes(StandardCharsets.US_ASCII), given);
            if (same && found < 0) {
                found = step;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    private static byte[] hmac(byte[] seed, long step, String algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(seed, algorithm));
            return mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }
}
