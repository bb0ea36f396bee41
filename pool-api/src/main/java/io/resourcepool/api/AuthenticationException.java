package io.resourcepool.api;

/**
 * The caller could not be authenticated: wrong credentials, a locked account, an expired or revoked
 * session, an unknown or spent join token. Every such failure looks the same to the caller where telling
 * them apart would help an attacker.
 */
public class AuthenticationException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do about it; never a secret
     */
    public AuthenticationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened and what to do about it; never a secret
     * @param cause the underlying failure
     */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
