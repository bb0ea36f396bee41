package io.resourcepool.core.protocol;

import java.util.List;

/** Second factors: setting one up for a user, and removing it. */
public sealed interface MfaMessage extends Message {

    /**
     * Give a user a new second factor, replacing any they had. An admin may ask for anyone; any user may ask
     * for themselves while they have none.
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
     * Remove a user's second factor (admin only).
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
}
