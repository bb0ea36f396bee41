package io.resourcepool.api;

/**
 * The thing asked for does not exist: an unknown node, job or user.
 */
public class NotFoundException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do about it; never a secret
     */
    public NotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened and what to do about it; never a secret
     * @param cause the underlying failure
     */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
