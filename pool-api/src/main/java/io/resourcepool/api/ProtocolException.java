package io.resourcepool.api;

/**
 * A peer sent something the protocol does not allow: a malformed frame or message, or a message out
 * of order. The connection that carried it is closed.
 */
public class ProtocolException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do about it; never a secret
     */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened and what to do about it; never a secret
     * @param cause the underlying failure
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
