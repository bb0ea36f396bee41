package io.resourcepool.core.protocol;

import java.util.List;

/** Administration: users, their sessions, join tokens and enrolled nodes. */
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
     * Send a test alert to every configured webhook. Answered with OK once audited.
     *
     * @param requestId the request id
     */
    record AlertTest(long requestId) implements AdminMessage, Request {
        /** Checks the fields. */
        public AlertTest {
            WireLimits.requestId(requestId);
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

    /**
     * Remove a user: their sessions end at once, on every connection; their jobs keep their history. An admin
     * cannot remove their own account, nor the last admin. Answered with OK.
     *
     * @param requestId the request id
     * @param username whose account
     */
    record UserRemove(long requestId, String username) implements AdminMessage, Request {
        /** Checks the fields. */
        public UserRemove {
            WireLimits.requestId(requestId);
            WireLimits.text(username, "username", WireLimits.SHORT_TEXT_CHARS);
        }
    }

    /**
     * Give a user another role, from their next request on, on every connection. The last admin cannot be made
     * anything else. Answered with OK.
     *
     * @param requestId the request id
     * @param username whose account
     * @param role the new role's wire name: viewer, compute-user or admin
     */
    record UserRole(long requestId, String username, String role) implements AdminMessage, Request {
        /** Checks the fields. */
        public UserRole {
            WireLimits.requestId(requestId);
            WireLimits.text(username, "username", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(role, "role", WireLimits.NAME_CHARS);
        }
    }

    /**
     * Set a password for a user who lost theirs: their sessions end, and at their next login they must choose a new
     * one before doing anything else. Answered with OK.
     *
     * @param requestId the request id
     * @param username whose account
     * @param password the password to give them
     */
    record UserPasswordReset(long requestId, String username, String password) implements AdminMessage, Request {
        /** Checks the fields. */
        public UserPasswordReset {
            WireLimits.requestId(requestId);
            WireLimits.text(username, "username", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(password, "password", WireLimits.SECRET_CHARS);
        }

        @Override
        public String toString() {
            return "UserPasswordReset[requestId=" + requestId + ", username=" + username + "]";
        }
    }

    /**
     * Remove a node from the pool: its certificate is refused from then on and its connection closes at once.
     * Answered with OK.
     *
     * @param requestId the request id
     * @param node the node's name
     */
    record NodeRemove(long requestId, String node) implements AdminMessage, Request {
        /** Checks the fields. */
        public NodeRemove {
            WireLimits.requestId(requestId);
            WireLimits.text(node, "node", WireLimits.NAME_CHARS);
        }
    }

    /**
     * Drain a node (it takes no new work and finishes what it has) or put it back to work. Answered with OK.
     *
     * @param requestId the request id
     * @param node the node's name
     * @param drained true to drain, false to undrain
     */
    record NodeDrain(long requestId, String node, boolean drained) implements AdminMessage, Request {
        /** Checks the fields. */
        public NodeDrain {
            WireLimits.requestId(requestId);
            WireLimits.text(node, "node", WireLimits.NAME_CHARS);
        }
    }

    /**
     * List join tokens.
     *
     * @param requestId the request id
     */
    record JoinTokenList(long requestId) implements AdminMessage, Request {
        /** Checks the fields. */
        public JoinTokenList {
            WireLimits.requestId(requestId);
        }
    }

    /**
     * One join token as admins see it: never the token, nor its hash.
     *
     * @param id its public name
     * @param createdBy the admin who made it
     * @param createdAt epoch milliseconds
     * @param expiresAt epoch milliseconds
     * @param usedAt epoch milliseconds of its use, 0 when unused
     * @param usedBy the node that enrolled with it, empty when unused
     * @param revoked whether an admin withdrew it
     */
    record WireJoinToken(String id, String createdBy, long createdAt, long expiresAt, long usedAt, String usedBy, boolean revoked) {
        /** Checks the fields. */
        public WireJoinToken {
            WireLimits.text(id, "id", WireLimits.NAME_CHARS);
            WireLimits.text(createdBy, "createdBy", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(usedBy, "usedBy", WireLimits.NAME_CHARS);
        }
    }

    /**
     * The answer to JOIN_TOKEN_LIST.
     *
     * @param requestId the id of the JOIN_TOKEN_LIST
     * @param tokens every join token, newest first
     */
    record JoinTokenListResult(long requestId, List<WireJoinToken> tokens) implements AdminMessage {
        /** Checks the fields. */
        public JoinTokenListResult {
            tokens = WireLimits.list(tokens, "tokens");
        }
    }

    /**
     * Withdraw an unused join token. Answered with OK; NOT_FOUND when unknown, used or already revoked.
     *
     * @param requestId the request id
     * @param id the token's public name
     */
    record JoinTokenRevoke(long requestId, String id) implements AdminMessage, Request {
        /** Checks the fields. */
        public JoinTokenRevoke {
            WireLimits.requestId(requestId);
            WireLimits.text(id, "id", WireLimits.NAME_CHARS);
        }
    }
}
