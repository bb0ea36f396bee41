package io.resourcepool.api;

/**
 * The caller is authenticated but lacks the role or ownership the request needs.
 */
public class PermissionDeniedException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do about it; never a secret
     */
    public PermissionDeniedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened and what to do about it; never a secret
     * @param cause the underlying failure
     */
    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
