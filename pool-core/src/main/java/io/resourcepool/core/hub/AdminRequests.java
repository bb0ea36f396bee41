package io.resourcepool.core.hub;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.JoinToken;
import io.resourcepool.core.auth.Actor;
import io.resourcepool.core.auth.IssuedJoinToken;
import io.resourcepool.core.protocol.AdminMessage;
import io.resourcepool.core.protocol.AuditMessage;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MfaMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers an admin's requests: users, sessions, join tokens, nodes and the audit log. The caller has checked
 * the role; the auth services audit what they change, and this class audits only what they do not.
 */
final class AdminRequests {
    private final HubServices hub;
    private final Actor actor;

    AdminRequests(HubServices hub, Actor actor) {
        this.hub = hub;
        this.actor = actor;
    }

    Message addUser(AdminMessage.UserAdd m) {
        Role role = Role.fromWireName(m.role());
        if (!hub.auth().users().createUser(actor, m.username(), role, Secret.of(m.password()))) {
            throw new IllegalArgumentException("user '" + m.username() + "' already exists");
        }
        return new ControlMessage.Ok(m.requestId());
    }

    Message listUsers(AdminMessage.UserList m) {
        var now = hub.clock().instant();
        return new AdminMessage.UserListResult(m.requestId(), hub.auth().users().listUsers().stream()
                .map(u -> new AdminMessage.WireUser(u.username(), u.role().wireName(),
                        u.lockedUntil().map(now::isBefore).orElse(false), u.createdAt().toEpochMilli()))
                .toList());
    }

    Message createJoinToken(AdminMessage.JoinTokenCreate m) {
        String fingerprint = hub.enrolment().caFingerprint()
                .orElseThrow(() -> new PermissionDeniedException("this hub has no certificate authority, so it cannot enroll machines"));
        IssuedJoinToken issued = hub.auth().joinTokens().create(actor, Duration.ofMillis(m.ttlMillis()));
        return new AdminMessage.JoinTokenCreated(m.requestId(), issued.record().id(), issued.token().reveal(),
                issued.record().expiresAt().toEpochMilli(), fingerprint);
    }

    /** Audited by the user administration as {@code user.sessions-revoked}, with the count. */
    Message revokeSessions(AdminMessage.SessionRevoke m) {
        hub.auth().users().revokeSessions(actor, m.username());
        return new ControlMessage.Ok(m.requestId());
    }

    /** Audited by the user administration as {@code user.unlocked}. */
    Message unlock(AdminMessage.UserUnlock m) {
        hub.auth().users().unlock(actor, m.username());
        return new ControlMessage.Ok(m.requestId());
    }

    /** Audited by the user administration as {@code user.removed}. */
    Message removeUser(AdminMessage.UserRemove m) {
        hub.auth().users().removeUser(actor, m.username());
        return new ControlMessage.Ok(m.requestId());
    }

    /** Audited by the user administration as {@code user.role-changed}. */
    Message changeRole(AdminMessage.UserRole m) {
        hub.auth().users().changeRole(actor, m.username(), Role.fromWireName(m.role()));
        return new ControlMessage.Ok(m.requestId());
    }

    /** Audited by the user administration as {@code user.password-reset}, without the password. */
    Message resetPassword(AdminMessage.UserPasswordReset m) {
        hub.auth().users().resetPassword(actor, m.username(), Secret.of(m.password()));
        return new ControlMessage.Ok(m.requestId());
    }

    /**
     * Audited as {@code alert.test-requested}; the alert notifier, hearing that row, sends a test alert to every
     * webhook. Answered once the row is written, not once the alert is delivered: delivery is the notifier's, off
     * the hub's threads.
     */
    Message testAlert(AdminMessage.AlertTest m) {
        hub.audit(actor.name(), "alert.test-requested", "", actor.sourceAddress(), "");
        return new ControlMessage.Ok(m.requestId());
    }

    /** Audited by the second factors as {@code user.mfa-enabled}. */
    Message enableMfa(MfaMessage.MfaEnable m) {
        return OwnSecondFactor.enabled(m.requestId(), hub.auth().mfa().enable(actor, m.username()));
    }

    /** Audited by the second factors as {@code user.mfa-disabled}. */
    Message disableMfa(MfaMessage.MfaDisable m) {
        hub.auth().mfa().disable(actor, m.username());
        return new ControlMessage.Ok(m.requestId());
    }

    /** Audited by the join tokens as {@code join-token.revoked}. */
    Message revokeJoinToken(AdminMessage.JoinTokenRevoke m) {
        if (!hub.auth().joinTokens().revoke(actor, m.id())) {
            throw new NotFoundException("no unused join token '" + m.id() + "' (unknown, already used or already revoked)");
        }
        return new ControlMessage.Ok(m.requestId());
    }

    /** Lists tokens by id and history only: neither the token nor its hash ever leaves the hub again. */
    Message listJoinTokens(AdminMessage.JoinTokenList m) {
        return new AdminMessage.JoinTokenListResult(m.requestId(), hub.auth().joinTokens().list().stream().map(AdminRequests::wire).toList());
    }

    /**
     * Audited as {@code node.removed}. The live connection is cut here, not left to the connection's own
     * thread, so the jobs running there are LOST (as on any disconnect) by the time the admin hears OK.
     */
    Message removeNode(AdminMessage.NodeRemove m) {
        NodeId id = NodeId.of(m.node());
        if (!hub.store().nodes().revokeNode(id, hub.clock().instant())) {
            throw new NotFoundException(unknownNode(id));
        }
        hub.audit(actor.name(), "node.removed", id.value(), actor.sourceAddress(), "certificate revoked");
        Optional<LiveNode> live = hub.registry().find(id).filter(hub.registry()::disconnect);
        CompletableFuture<Void> lost = hub.loss().removed(id, live);
        hub.leases().release(id);
        live.ifPresent(LiveNode::disconnect);
        // the admin hears OK only once the node's jobs are recorded LOST (or requeued), so nobody reads them as RUNNING after
        Durably.await(lost);
        return new ControlMessage.Ok(m.requestId());
    }

    /** Audited as {@code node.drained} or {@code node.undrained}; an undrained node is offered the waiting jobs at once. */
    Message drainNode(AdminMessage.NodeDrain m) {
        NodeId id = NodeId.of(m.node());
        boolean known = hub.store().nodes().findNode(id).filter(n -> n.revokedAt().isEmpty()).isPresent();
        if (!known || !hub.store().nodes().setDrained(id, m.drained())) {
            throw new NotFoundException(unknownNode(id));
        }
        hub.registry().find(id).ifPresent(live -> live.setDrained(m.drained()));
        hub.audit(actor.name(), m.drained() ? "node.drained" : "node.undrained", id.value(), actor.sourceAddress(), "");
        if (!m.drained()) {
            hub.dispatcher().placeWaiting();
        }
        return new ControlMessage.Ok(m.requestId());
    }

    Message listAudit(AuditMessage.AuditList m) {
        return searchAudit(new AuditMessage.AuditSearch(m.requestId(), m.actor(), m.actionPrefix(), 0, m.limit()));
    }

    Message searchAudit(AuditMessage.AuditSearch m) {
        Optional<Instant> since = m.sinceEpochMillis() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(m.sinceEpochMillis()));
        AuditQuery query = new AuditQuery(nonEmpty(m.actor()), nonEmpty(m.actionPrefix()), since, m.limit());
        return new AuditMessage.AuditListResult(m.requestId(), hub.store().audit().list(query).stream()
                .map(AdminRequests::wire).toList());
    }

    /** Audited as {@code audit.verified}: a broken chain is itself worth a row, and so is who looked. */
    Message verifyAudit(AuditMessage.AuditVerify m) {
        AuditVerification verdict = hub.anchor().verify();
        long badRow = verdict.firstBadRow().orElse(0);
        String detail = verdict.intact() ? "intact, " + verdict.rowsChecked() + " row(s)" : "broken at row " + badRow + ": " + verdict.problem();
        hub.audit(actor.name(), "audit.verified", "", actor.sourceAddress(), detail.length() > 500 ? detail.substring(0, 500) : detail);
        return new AuditMessage.AuditVerifyResult(m.requestId(), verdict.intact(), verdict.rowsChecked(), badRow, verdict.problem());
    }

    private static AuditMessage.WireAuditEntry wire(AuditEntry entry) {
        var e = entry.event();
        return new AuditMessage.WireAuditEntry(entry.sequence(), e.at().toEpochMilli(), e.actor(), e.action(), e.target(),
                e.sourceAddress(), e.detail());
    }

    private static AdminMessage.WireJoinToken wire(JoinToken t) {
        return new AdminMessage.WireJoinToken(t.id(), t.createdBy(), t.createdAt().toEpochMilli(), t.expiresAt().toEpochMilli(),
                t.usedAt().map(Instant::toEpochMilli).orElse(0L), t.usedBy().map(NodeId::value).orElse(""), t.revoked());
    }

    private static String unknownNode(NodeId id) {
        return "unknown node '" + id + "' (never enrolled or already removed); `pool nodes` lists them";
    }

    private static Optional<String> nonEmpty(String filter) {
        return filter.isEmpty() ? Optional.empty() : Optional.of(filter);
    }
}
