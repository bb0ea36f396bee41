package io.resourcepool.api;

import java.time.Duration;

/**
 * The hub is refusing work for now: a rate limit was reached or a bounded pool is full. The request may be
 * retried after {@link #retryAfter()}.
 */
public final class BusyException extends PoolException {
    private static final long serialVersionUID = 1L;

    /** How long the caller should wait before trying again (part of the serialized form). */
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message what is busy
     * @param retryAfter how long the caller should wait before trying again
     */
    public BusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = Checks.nonNegative(retryAfter, "retryAfter");
    }

    /**
     * How long to wait before retrying.
     *
     * @return a non-negative duration
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
