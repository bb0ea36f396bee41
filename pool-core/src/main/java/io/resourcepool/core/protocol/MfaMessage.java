package io.resourcepool.core.protocol;

import java.util.List;

/** Second factors: setting one up for a user, and removing it. */
public sealed interface MfaMessage extends Message {

    /**
     * Give another user a new second factor, replacing any they had (admin only). One's own goes through
     * {@link MfaSetupOwn}, which asks for the current password.
     *
     * @param requestId the request id
     * @param username whose
     */
    record MfaEnable(long requestId, String username) implements MfaMessage, Request {
        /** Checks the fields. */
        public MfaEnable {
            WireLimits.requestId(requestId);
            WireLimits.text(username, "username", WireLimits.NAME_CHARS);
        }
    }

    /**
     * The answer to MFA_ENABLE, sent once: the hub keeps the seed only sealed and the codes only hashed.
     *
     * @param requestId the id of the MFA_ENABLE
     * @param username whose
     * @param otpauthUri the {@code otpauth://totp/…} URI for an authenticator app; holds the seed, never logged
     * @param recoveryCodes one-time recovery codes; never logged
     */
    record MfaEnabled(long requestId, String username, String otpauthUri, List<String> recoveryCodes) implements MfaMessage {
        /** Checks the fields. */
        public MfaEnabled {
            WireLimits.text(username, "username", WireLimits.NAME_CHARS);
            WireLimits.text(otpauthUri, "otpauthUri", WireLimits.SECRET_CHARS);
            recoveryCodes = WireLimits.list(recoveryCodes, "recoveryCodes");
            recoveryCodes.forEach(code -> WireLimits.text(code, "recoveryCodes[]", WireLimits.NAME_CHARS));
        }

        @Override
        public String toString() {
            return "MfaEnabled[requestId=" + requestId + ", username=" + username + ", recoveryCodes=" + recoveryCodes.size() + "]";
        }
    }

    /**
     * Remove another user's second factor (admin only). One's own goes through {@link MfaRemoveOwn}.
     *
     * @param requestId the request id
     * @param username whose
     */
    record MfaDisable(long requestId, String username) implements MfaMessage, Request {
        /** Checks the fields. */
        public MfaDisable {
            WireLimits.requestId(requestId);
            WireLimits.text(username, "username", WireLimits.NAME_CHARS);
        }
    }

    /**
     * Set up (or replace) one's own second factor, proven by the current password (step-up): a stolen session
     * alone cannot swap the victim's authenticator for the thief's. Answered with MFA_ENABLED.
     *
     * @param requestId the request id
     * @param currentPassword the caller's password; never logged
     */
    record MfaSetupOwn(long requestId, String currentPassword) implements MfaMessage, Request {
        /** Checks the fields. */
        public MfaSetupOwn {
            WireLimits.requestId(requestId);
            WireLimits.text(currentPassword, "currentPassword", WireLimits.SECRET_CHARS);
        }

        @Override
        public String toString() {
            return "MfaSetupOwn[requestId=" + requestId + "]";
        }
    }

    /**
     * Remove one's own second factor, proven by the current password. Answered with OK.
     *
     * @param requestId the request id
     * @param currentPassword the caller's password; never logged
     */
    record MfaRemoveOwn(long requestId, String currentPassword) implements MfaMessage, Request {
        /** Checks the fields. */
        public MfaRemoveOwn {
            WireLimits.requestId(requestId);
            WireLimits.text(currentPassword, "currentPassword", WireLimits.SECRET_CHARS);
        }

        @Override
        public String toString() {
            return "MfaRemoveOwn[requestId=" + requestId + "]";
        }
    }
}
