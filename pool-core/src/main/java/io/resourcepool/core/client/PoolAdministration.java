package io.resourcepool.core.client;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.core.protocol.AdminMessage;
import io.resourcepool.core.protocol.AuditMessage;
import io.resourcepool.core.protocol.ControlMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pool's administration over a {@link PoolClient}'s connection and session, see {@link PoolClient#admin()}:
 * users, join tokens, nodes and the audit log. Every request needs the admin role; the hub checks it.
 */
public final class PoolAdministration {
    private final RequestLine link;
    private final Duration timeout;

    /**
     * The the administration over a line to the hub: a {@link PoolClient}'s connection, or the hub's typed door.
     *
     * @param link where the requests are answered
     * @param timeout how long to wait for each answer
     */
    public PoolAdministration(RequestLine link, Duration timeout) {
        this.link = link;
        this.timeout = timeout;
    }

    /**
     * Adds a user (admin only).
     *
     * @param username the login name
     * @param role the role
     * @param password the first password
     */
    public void addUser(String username, Role role, Secret password) {
        link.call(id -> new AdminMessage.UserAdd(id, username, role.wireName(), password.reveal()), ControlMessage.Ok.class, timeout);
    }

    /**
     * Lists users (admin only).
     *
     * @return the users
     */
    public List<UserInfo> users() {
        return link.call(AdminMessage.UserList::new, AdminMessage.UserListResult.class, timeout).users().stream()
                .map(u -> new UserInfo(u.username(), Role.fromWireName(u.role()), u.locked(), Instant.ofEpochMilli(u.createdAt())))
                .toList();
    }

    /**
     * Makes a join token (admin only).
     *
     * @param ttl how long it stays valid
     * @return the token and the CA fingerprint workers pin
     */
    public JoinTokenGrant createJoinToken(Duration ttl) {
        AdminMessage.JoinTokenCreated made = link.call(id -> new AdminMessage.JoinTokenCreate(id, ttl.toMillis()),
                AdminMessage.JoinTokenCreated.class, timeout);
        return new JoinTokenGrant(made.id(), Secret.of(made.token()), Instant.ofEpochMilli(made.expiresAt()), made.caFingerprint());
    }

    /**
     * Lists join tokens, newest first, by id and history; never the tokens themselves (admin only).
     *
     * @return the tokens
     */
    public List<JoinTokenInfo> joinTokens() {
        return link.call(AdminMessage.JoinTokenList::new, AdminMessage.JoinTokenListResult.class, timeout).tokens().stream()
                .map(WireViews::joinToken).toList();
    }

    /**
     * Withdraws an unused join token: no machine can enroll with it any more (admin only).
     *
     * @param id the token's public id
     * @throws io.resourcepool.api.NotFoundException when it is unknown, already used or already revoked
     */
    public void revokeJoinToken(String id) {
        link.call(m -> new AdminMessage.JoinTokenRevoke(m, id), ControlMessage.Ok.class, timeout);
    }

    /**
     * Removes a node from the pool (admin only): its certificate is refused from now on, its connection is
     * closed at once and the jobs running there are given up (requeued where their retries allow, LOST otherwise). It may come back only by enrolling with a new join token.
     *
     * @param node the node
     * @throws io.resourcepool.api.NotFoundException when it was never enrolled or is already removed
     */
    public void removeNode(NodeId node) {
        link.call(id -> new AdminMessage.NodeRemove(id, node.value()), ControlMessage.Ok.class, timeout);
    }

    /**
     * Drains a node, or puts it back to work (admin only). A drained node takes no new work and finishes what it has.
     *
     * @param node the node
     * @param drained true to drain, false to undrain
     * @throws io.resourcepool.api.NotFoundException when it was never enrolled or is removed
     */
    public void drain(NodeId node, boolean drained) {
        link.call(id -> new AdminMessage.NodeDrain(id, node.value(), drained), ControlMessage.Ok.class, timeout);
    }

    /**
     * Ends every session of a user, on every connection (admin only). The audit log records how many.
     *
     * @param username whose sessions
     */
    public void revokeSessions(String username) {
        link.call(id -> new AdminMessage.SessionRevoke(id, username), ControlMessage.Ok.class, timeout);
    }

    /**
     * Asks the hub to send a test alert to every configured webhook (admin only). Audited; the delivery happens
     * afterwards, off the hub's threads: the receiver (and the hub's log, on failure) says whether it arrived.
     */
    public void testAlert() {
        link.call(AdminMessage.AlertTest::new, ControlMessage.Ok.class, timeout);
    }

    /**
     * Lifts a user's lock and clears their failed-login count (admin only).
     *
     * @param username whose account
     */
    public void unlock(String username) {
        link.call(id -> new AdminMessage.UserUnlock(id, username), ControlMessage.Ok.class, timeout);
    }

    /**
     * Removes a user (admin only): their sessions end at once; their jobs keep their history. The hub refuses to
     * remove the caller's own account or the last admin.
     *
     * @param username whose account
     */
    public void removeUser(String username) {
        link.call(id -> new AdminMessage.UserRemove(id, username), ControlMessage.Ok.class, timeout);
    }

    /**
     * Gives a user another role, from their next request on (admin only). The hub refuses to take the role from
     * the last admin.
     *
     * @param username whose account
     * @param role the new role
     */
    public void changeRole(String username, Role role) {
        link.call(id -> new AdminMessage.UserRole(id, username, role.wireName()), ControlMessage.Ok.class, timeout);
    }

    /**
     * Sets a password for a user who lost theirs (admin only): their sessions end, and at their next login they must
     * choose a new one before doing anything else.
     *
     * @param username whose account
     * @param password the password to give them
     */
    public void resetPassword(String username, Secret password) {
        link.call(id -> new AdminMessage.UserPasswordReset(id, username, password.reveal()), ControlMessage.Ok.class, timeout);
    }

    /**
     * Lists audit rows, newest first (admin only).
     *
     * @param actor only rows by this actor; empty for any
     * @param actionPrefix only rows whose action starts with this, for example {@code login.}; empty for any
     * @param limit at most this many, 1 to {@value AuditMessage#MAX_ROWS}
     * @return the rows
     */
    public List<AuditRow> audit(String actor, String actionPrefix, int limit) {
        return link.call(id -> new AuditMessage.AuditList(id, actor, actionPrefix, limit), AuditMessage.AuditListResult.class, timeout)
                .entries().stream().map(AuditRow::of).toList();
    }

    /**
     * Searches audit rows, newest first (admin only): as {@link #audit(String, String, int)}, and only rows at or after
     * a time.
     *
     * @param actor only rows by this actor; empty for any
     * @param actionPrefix only rows whose action starts with this; empty for any
     * @param since only rows at or after this time; empty for any
     * @param limit at most this many, 1 to {@value AuditMessage#MAX_ROWS}
     * @return the rows
     */
    public List<AuditRow> audit(String actor, String actionPrefix, Optional<Instant> since, int limit) {
        long sinceMillis = since.map(Instant::toEpochMilli).orElse(0L);
        return link.call(id -> new AuditMessage.AuditSearch(id, actor, actionPrefix, sinceMillis, limit), AuditMessage.AuditListResult.class,
                timeout).entries().stream().map(AuditRow::of).toList();
    }

    /**
     * Checks the audit log's hash chain on the hub (admin only).
     *
     * @return the verdict, naming the first row at fault
     */
    public AuditVerification verifyAudit() {
        AuditMessage.AuditVerifyResult r = link.call(AuditMessage.AuditVerify::new, AuditMessage.AuditVerifyResult.class, timeout);
        return r.intact() ? AuditVerification.intact(r.rowsChecked()) : AuditVerification.broken(r.rowsChecked(), r.firstBadRow(), r.problem());
    }
}
