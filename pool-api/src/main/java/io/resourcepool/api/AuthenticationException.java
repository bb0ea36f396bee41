package io.resourcepool.api;

/**
 * The caller could not be authenticated: wrong credentials, a locked account, an expired or revoked
 * session, an unknown or spent join token. Every such failure looks the same to the caller where telling
 * them apart would help an attacker. Where the caller can act on the difference (the password was right and a
 * one-time code is needed), {@link #reason()} says so as a code to branch on; the message is for people.
 */
public class AuthenticationException extends PoolException {
    private static final long serialVersionUID = 1L;

    /** Why authentication failed, as far as the caller may know and can act on it. */
    public enum Reason {
        /** Refused, with no more said: wrong credentials, a locked account, a refused token or session. */
        REFUSED,
        /** The password was right; the account has a second factor and no one-time code was given: ask for one. */
        CODE_REQUIRED,
        /** The password was right but the one-time or recovery code was wrong or already used. */
        CODE_WRONG,
        /** The password was right, but the hub requires admins to have a second factor and this one has none. */
        ADMIN_NEEDS_MFA
    }

    /** Why it failed (part of the serialized form). */
    private final Reason reason;

    /**
     * Creates the exception, with {@link Reason#REFUSED}.
     *
     * @param message what happened and what to do about it; never a secret
     */
    public AuthenticationException(String message) {
        this(Reason.REFUSED, message);
    }

    /**
     * Creates the exception with a reason a client can branch on.
     *
     * @param reason why it failed
     * @param message what happened and what to do about it, for people; never a secret
     */
    public AuthenticationException(Reason reason, String message) {
        super(message);
        this.reason = java.util.Objects.requireNonNull(reason, "reason must be given");
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened and what to do about it; never a secret
     * @param cause the underlying failure
     */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.REFUSED;
    }

    /**
     * Says why authentication failed; clients branch on this, never on the message.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
