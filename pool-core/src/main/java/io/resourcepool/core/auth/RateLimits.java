package io.resourcepool.core.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How often one source address may knock before it is answered "busy". Limits go by address, not by
 * account, so that guessing many users' passwords from one place is slowed as much as guessing one's; and
 * they count failures of login, not logins, so a person who types their password right is never held back.
 *
 * @param loginFailuresPerAddress failed logins (and refused session resumes) one address may make in a
 *     window, 1 to 100,000; 5 by default
 * @param enrolmentsPerAddress enrolment attempts, good or bad, one address may make in a window, 1 to
 *     100,000; 10 by default
 * @param window how long a count lasts from the first event counted in it; 15 minutes by default
 * @param maxTrackedAddresses addresses followed at once, 1 to 1,000,000; beyond it the oldest count is
 *     forgotten, so that a flood from many addresses cannot exhaust memory; 10,000 by default
 */
public record RateLimits(int loginFailuresPerAddress, int enrolmentsPerAddress, Duration window, int maxTrackedAddresses) {

    /** Checks every figure; each message names the field at fault. */
    public RateLimits {
        between(loginFailuresPerAddress, 1, 100_000, "loginFailuresPerAddress");
        between(enrolmentsPerAddress, 1, 100_000, "enrolmentsPerAddress");
        Objects.requireNonNull(window, "window must be given");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        between(maxTrackedAddresses, 1, 1_000_000, "maxTrackedAddresses");
    }

    /**
     * The defaults: 5 failed logins and 10 enrolment attempts per address in 15 minutes, 10,000 addresses
     * followed.
     *
     * @return the default limits
     */
    public static RateLimits defaults() {
        return new RateLimits(5, 10, Duration.ofMinutes(15), 10_000);
    }

    /**
     * A copy with another login rule.
     *
     * @param failures failed logins allowed per address in a window
     * @param perWindow the window
     * @return the changed limits
     */
    public RateLimits withLoginFailures(int failures, Duration perWindow) {
        return new RateLimits(failures, enrolmentsPerAddress, perWindow, maxTrackedAddresses);
    }

    private static void between(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
