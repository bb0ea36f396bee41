package io.resourcepool.core.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * What a connection may cost the hub before it has authenticated (a person logged in, a worker registered or
 * enrolled), after OpenSSH's {@code LoginGraceTime}, {@code MaxStartups} and {@code PerSourceMaxStartups}.
 *
 * @param loginGraceTime how long a connection may stay unauthenticated; then it is answered with an ERROR and
 *     closed. 1 second to 1 hour; 30 s by default
 * @param maxStartups how many unauthenticated connections the hub holds in all before refusing new ones
 * @param perSourceMaxStartups how many unauthenticated connections one source (an IPv4 address or IPv6
 *     {@code /64}) may hold at once, 1 to 1,000,000; 10 by default
 */
public record StartupLimits(Duration loginGraceTime, MaxStartups maxStartups, int perSourceMaxStartups) {

    /** Checks the figures. */
    public StartupLimits {
        Objects.requireNonNull(loginGraceTime, "loginGraceTime must be given");
        if (loginGraceTime.compareTo(Duration.ofSeconds(1)) < 0 || loginGraceTime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("loginGraceTime must be between 1s and 1h, was " + loginGraceTime);
        }
        Objects.requireNonNull(maxStartups, "maxStartups must be given");
        if (perSourceMaxStartups < 1 || perSourceMaxStartups > 1_000_000) {
            throw new IllegalArgumentException("perSourceMaxStartups must be between 1 and 1000000, was " + perSourceMaxStartups);
        }
    }

    /**
     * The defaults: 30 s to authenticate, {@code 10:30:100} unauthenticated connections, 10 per source.
     *
     * @return the limits
     */
    public static StartupLimits defaults() {
        return new StartupLimits(Duration.ofSeconds(30), MaxStartups.DEFAULT, 10);
    }
}
