package io.resourcepool.api;

/**
 * A connection could not be opened, broke, or was closed. Retrying on a new connection may help.
 */
public class TransportException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do about it; never a secret
     */
    public TransportException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened and what to do about it; never a secret
     * @param cause the underlying failure
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
