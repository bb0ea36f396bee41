package io.resourcepool.api;

/**
 * The root of every exception ResourcePool throws. It is unchecked; the subclasses tell the caller
 * what kind of remedy applies. Messages say what happened and what to do, and never contain a secret.
 */
public class PoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do about it; never a secret
     */
    public PoolException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened and what to do about it; never a secret
     * @param cause the underlying failure
     */
    public PoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
