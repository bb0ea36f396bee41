package io.resourcepool.api;

import java.time.Duration;

/**
 * The store cannot be reached now: its server refused or dropped the connection, or did not answer in time. Unlike
 * other {@link StoreException}s the request was sound and may succeed later: retry after {@link #retryAfter()}.
 */
public final class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** How long the caller should wait before trying again. */
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message what could not be reached, why, and what to do
     * @param retryAfter how long the caller should wait before trying again
     * @param cause the driver's failure
     */
    public StoreUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
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
