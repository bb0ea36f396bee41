package io.resourcepool.api;

/**
 * The store failed or refused: unreachable, misconfigured, or its schema is one this code does not know.
 */
public class StoreException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do about it; never a secret
     */
    public StoreException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened and what to do about it; never a secret
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
