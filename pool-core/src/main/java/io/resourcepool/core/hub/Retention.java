package io.resourcepool.core.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the hub keeps what it no longer needs, counted from when each thing ended: finished jobs with their
 * output, sessions that expired or were revoked, join tokens that were used or expired. {@link #KEEP} (zero) keeps
 * them for ever. The audit log is never pruned: its rows are chained, and the chain must stay verifiable.
 *
 * @param jobs how long a finished job (and its output) is kept after it finished
 * @param sessions how long an ended session is kept after it ended
 * @param joinTokens how long a used or expired join token is kept after that
 */
public record Retention(Duration jobs, Duration sessions, Duration joinTokens) {
    /** Keep for ever. */
    public static final Duration KEEP = Duration.ZERO;
    /** The shortest period that prunes: a client may still be reading a job that has just finished. */
    public static final Duration SHORTEST = Duration.ofHours(1);
    /** Nothing is ever pruned: what an embedding application gets unless it asks. */
    public static final Retention KEEP_ALL = new Retention(KEEP, KEEP, KEEP);

    /** Checks each period. */
    public Retention {
        checked("jobs", jobs);
        checked("sessions", sessions);
        checked("joinTokens", joinTokens);
    }

    /**
     * Checks one retention period.
     *
     * @param name the name to give in the error, such as the configuration key
     * @param period the period: {@link #KEEP}, or {@link #SHORTEST} or longer
     * @return the period
     * @throws IllegalArgumentException when it is negative, or shorter than {@link #SHORTEST} without being zero
     */
    public static Duration checked(String name, Duration period) {
        Objects.requireNonNull(period, () -> name + " must be given (zero to keep for ever)");
        if (period.isNegative() || (!period.isZero() && period.compareTo(SHORTEST) < 0)) {
            throw new IllegalArgumentException(name + " is " + period + ", but a retention period must be at least 1 hour"
                    + " (for example 30d), or 0 to keep for ever");
        }
        return period;
    }

    /**
     * Whether anything is ever pruned.
     *
     * @return false when every period is {@link #KEEP}
     */
    public boolean prunes() {
        return !(jobs.isZero() && sessions.isZero() && joinTokens.isZero());
    }
}
