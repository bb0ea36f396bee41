package io.resourcepool.core.protocol;

import io.resourcepool.api.AuthenticationException;
import java.util.Arrays;

/** Logging in, resuming a session, refreshing one, changing one's own password, logging out. */
public sealed interface AuthMessage extends Message {

    /**
     * Log in with a password and, for a user with a second factor, a one-time code.
     *
     * @param requestId the request id
     * @param username the login name
     * @param password the password; never logged
     * @param code a TOTP code or a recovery code, empty when none is given; never logged
     */
    record Login(long requestId, String username, String password, String code) implements AuthMessage, Request {
        /** Checks the fields. */
        public Login {
            WireLimits.requestId(requestId);
            WireLimits.text(username, "username", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(password, "password", WireLimits.SECRET_CHARS);
            WireLimits.text(code, "code", WireLimits.NAME_CHARS);
        }

        /**
         * A login without a one-time code.
         *
         * @param requestId the request id
         * @param username the login name
         * @param password the password
         */
        public Login(long requestId, String username, String password) {
            this(requestId, username, password, "");
        }

        @Override
        public String toString() {
            return "Login[requestId=" + requestId + ", username=" + username + "]";
        }
    }

    /**
     * Resume a session on this connection with its token.
     *
     * @param requestId the request id
     * @param token the session token; never logged
     */
    record Resume(long requestId, String token) implements AuthMessage, Request {
        /** Checks the fields. */
        public Resume {
            WireLimits.requestId(requestId);
            WireLimits.text(token, "token", WireLimits.SECRET_CHARS);
        }

        @Override
        public String toString() {
            return "Resume[requestId=" + requestId + "]";
        }
    }

    /**
     * Trade a refresh token for a new session on this connection and the next refresh token of its family; the token
     * sent is spent. Answered with AUTH_OK, or AUTH_FAILED (a spent token sent again ends its whole family).
     *
     * @param requestId the request id
     * @param refreshToken the family's latest refresh token; never logged
     */
    record Refresh(long requestId, String refreshToken) implements AuthMessage, Request {
        /** Checks the fields. */
        public Refresh {
            WireLimits.requestId(requestId);
            WireLimits.text(refreshToken, "refreshToken", WireLimits.SECRET_CHARS);
        }

        @Override
        public String toString() {
            return "Refresh[requestId=" + requestId + "]";
        }
    }

    /**
     * End the session, and every session and refresh token of its family.
     *
     * @param requestId the request id
     */
    record Logout(long requestId) implements AuthMessage, Request {
        /** Checks the fields. */
        public Logout {
            WireLimits.requestId(requestId);
        }
    }

    /**
     * Change one's own password. Answered with AUTH_OK carrying a new session; every other session of the
     * user ends.
     *
     * @param requestId the request id
     * @param currentPassword the password now; never logged
     * @param newPassword the password wanted; never logged
     */
    record PasswordChange(long requestId, String currentPassword, String newPassword) implements AuthMessage, Request {
        /** Checks the fields. */
        public PasswordChange {
            WireLimits.requestId(requestId);
            WireLimits.text(currentPassword, "currentPassword", WireLimits.SECRET_CHARS);
            WireLimits.text(newPassword, "newPassword", WireLimits.SECRET_CHARS);
        }

        @Override
        public String toString() {
            return "PasswordChange[requestId=" + requestId + "]";
        }
    }

    /**
     * Authentication succeeded.
     *
     * @param requestId the id of the LOGIN, RESUME, REFRESH or PASSWORD_CHANGE
     * @param username who is logged in
     * @param role their role's wire name
     * @param token the session token (on LOGIN; the same token echoed on RESUME)
     * @param expiresAt when the session expires, epoch milliseconds
     * @param passwordChangeRequired whether an admin reset the password: until the user sets a new one
     *     (PASSWORD_CHANGE), the hub refuses every other request but LOGOUT and PING
     * @param refreshToken the refresh token issued with the session (LOGIN, REFRESH, PASSWORD_CHANGE); empty on RESUME
     * @param refreshExpiresAt when the refresh token expires unused, epoch milliseconds; 0 when there is none
     */
    record AuthOk(long requestId, String username, String role, String token, long expiresAt, boolean passwordChangeRequired,
            String refreshToken, long refreshExpiresAt) implements AuthMessage {
        /** Checks the fields. */
        public AuthOk {
            WireLimits.text(username, "username", WireLimits.NAME_CHARS);
            WireLimits.text(role, "role", WireLimits.NAME_CHARS);
            WireLimits.text(token, "token", WireLimits.SECRET_CHARS);
            WireLimits.text(refreshToken, "refreshToken", WireLimits.SECRET_CHARS);
        }

        /**
         * A success without a refresh token.
         *
         * @param requestId the request's id
         * @param username who is logged in
         * @param role their role's wire name
         * @param token the session token
         * @param expiresAt when the session expires, epoch milliseconds
         * @param passwordChangeRequired whether a new password must be set first
         */
        public AuthOk(long requestId, String username, String role, String token, long expiresAt, boolean passwordChangeRequired) {
            this(requestId, username, role, token, expiresAt, passwordChangeRequired, "", 0);
        }

        @Override
        public String toString() {
            return "AuthOk[requestId=" + requestId + ", username=" + username + ", role=" + role
                    + (passwordChangeRequired ? ", passwordChangeRequired" : "") + "]";
        }
    }

    /**
     * Authentication failed. The message is the same for every cause that an attacker could tell apart; the reason
     * is a code a client branches on (ask for a one-time code on {@code CODE_REQUIRED}), the message is for people.
     *
     * @param requestId the id of the LOGIN, RESUME or REFRESH
     * @param reason the name of an {@link AuthenticationException.Reason}; a client reads one it does not know as
     *     {@code REFUSED}, so a newer hub may add reasons
     * @param message what to do
     */
    record AuthFailed(long requestId, String reason, String message) implements AuthMessage {
        /** Checks the fields. */
        public AuthFailed {
            WireLimits.text(reason, "reason", WireLimits.NAME_CHARS);
            WireLimits.text(message, "message", WireLimits.TEXT_CHARS);
        }

        /**
         * The answer to a refused authentication.
         *
         * @param requestId the request refused
         * @param refusal the refusal, with its reason and message
         * @return the message
         */
        public static AuthFailed of(long requestId, AuthenticationException refusal) {
            return new AuthFailed(requestId, refusal.reason().name(), refusal.getMessage());
        }

        /**
         * The refusal this answer carries, for the client to throw.
         *
         * @return the exception, with the reason ({@code REFUSED} when this client does not know it) and message
         */
        public AuthenticationException toException() {
            AuthenticationException.Reason known = Arrays.stream(AuthenticationException.Reason.values())
                    .filter(r -> r.name().equals(reason)).findFirst().orElse(AuthenticationException.Reason.REFUSED);
            return new AuthenticationException(known, message);
        }
    }
}
