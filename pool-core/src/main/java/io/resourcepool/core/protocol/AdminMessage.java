package io.resourcepool.core.protocol;

import java.util.List;

/** Administration: users, their sessions, and join tokens. */
public sealed interface AdminMessage extends Message {

    /**
     * Add a user.
     *
     * @param requestId the request id
     * @param username the login name
     * @param role the role's wire name
     * @param password the first password; never logged
     */
    record UserAdd(long requestId, String username, String role, String password) implements AdminMessage, Request {
        /** Checks the fields. */
        public UserAdd {
            WireLimits.requestId(requestId);
            WireLimits.text(username, "username", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(role, "role", WireLimits.NAME_CHARS);
            WireLimits.text(password, "password", WireLimits.SECRET_CHARS);
        }

        @Override
        public String toString() {
            return "UserAdd[requestId=" + requestId + ", username=" + username + ", role=" + role + "]";
        }
    }

    /**
     * List users.
     *
     * @param requestId the request id
     */
    record UserList(long requestId) implements AdminMessage, Request {
        /** Checks the fields. */
        public UserList {
            WireLimits.requestId(requestId);
        }
    }

    /**
     * One user as admins see them.
     *
     * @param username the login name
     * @param role the role's wire name
     * @param locked whether the account is locked now
     * @param createdAt epoch milliseconds
     */
    record WireUser(String username, String role, boolean locked, long createdAt) {
        /** Checks the fields. */
        public WireUser {
            WireLimits.text(username, "username", WireLimits.NAME_CHARS);
            WireLimits.text(role, "role", WireLimits.NAME_CHARS);
        }
    }

    /**
     * The answer to USER_LIST.
     *
     * @param requestId the id of the USER_LIST
     * @param users every user
     */
    record UserListResult(long requestId, List<WireUser> users) implements AdminMessage {
        /** Checks the fields. */
        public UserListResult {
            users = WireLimits.list(users, "users");
        }
    }

    /**
     * Make a join token.
     *
     * @param requestId the request id
     * @param ttlMillis how long it stays valid
     */
    record JoinTokenCreate(long requestId, long ttlMillis) implements AdminMessage, Request {
        /** Checks the fields. */
        public JoinTokenCreate {
            WireLimits.requestId(requestId);
            if (ttlMillis <= 0) {
                throw new io.resourcepool.api.ProtocolException("ttlMillis must be positive, was " + ttlMillis);
            }
        }
    }

    /**
     * A new join token, shown once.
     *
     * @param requestId the id of the JOIN_TOKEN_CREATE
     * @param id its public name
     * @param token the token itself; never logged
     * @param expiresAt epoch milliseconds
     * @param caFingerprint the SHA-256 fingerprint a worker pins the hub's CA by
     */
    record JoinTokenCreated(long requestId, String id, String token, long expiresAt, String caFingerprint) implements AdminMessage {
        /** Checks the fields. */
        public JoinTokenCreated {
            WireLimits.text(id, "id", WireLimits.NAME_CHARS);
            WireLimits.text(token, "token", WireLimits.SECRET_CHARS);
            WireLimits.text(caFingerprint, "caFingerprint", WireLimits.SHORT_TEXT_CHARS);
        }

        @Override
        public String toString() {
            return "JoinTokenCreated[requestId=" + requestId + ", id=" + id + "]";
        }
    }

    /**
     * End every session of a user, on every connection. Answered with OK; the audit log has the count.
     *
     * @param requestId the request id
     * @param username whose sessions
     */
    record SessionRevoke(long requestId, String username) implements AdminMessage, Request {
        /** Checks the fields. */
        public SessionRevoke {
            WireLimits.requestId(requestId);
            WireLimits.text(username, "username", WireLimits.SHORT_TEXT_CHARS);
        }
    }

    /**
     * Lift a user's lock and clear their failed-login count. Answered with OK.
     *
     * @param requestId the request id
     * @param username whose account
     */
    record UserUnlock(long requestId, String username) implements AdminMessage, Request {
        /** Checks the fields. */
        public UserUnlock {
            WireLimits.requestId(requestId);
            WireLimits.text(username, "username", WireLimits.SHORT_TEXT_CHARS);
        }
    }
}
