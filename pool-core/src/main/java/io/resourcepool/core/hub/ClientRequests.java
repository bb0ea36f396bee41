package io.resourcepool.core.hub;

import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.protocol.AdminMessage;
import io.resourcepool.core.protocol.AuditMessage;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.JobQueryMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.MfaMessage;
import io.resourcepool.core.protocol.QueryMessage;
import java.util.function.BiFunction;

/**
 * Serves a logged-in person's requests, each checked against their session in the store (still valid?) and
 * their role as it stands now (allowed?). A refusal answers that request only; the connection stays open.
 */
final class ClientRequests {
    private final HubServices hub;
    private final MessageChannel channel;
    private final String source;
    private Session session;

    ClientRequests(HubServices hub, MessageChannel channel, Session session, String source) {
        this.hub = hub;
        this.channel = channel;
        this.session = session;
        this.source = source;
    }

    /** The refusal of every request but a password change while an admin's reset is pending. */
    static final String PASSWORD_RESET = "an admin reset your password: set a new one first (`pool passwd`, or POST /v1/auth/password);"
            + " until then nothing else is allowed";

    /** The answer to a LOGIN, RESUME, REFRESH or PASSWORD_CHANGE that opened or found a session. */
    static AuthMessage.AuthOk authOk(long requestId, Session session) {
        return new AuthMessage.AuthOk(requestId, session.username(), session.role().wireName(), session.token().reveal(),
                session.expiresAt().toEpochMilli(), session.passwordChangeRequired(),
                session.refresh().map(r -> r.token().reveal()).orElse(""),
                session.refresh().map(r -> r.expiresAt().toEpochMilli()).orElse(0L));
    }

    /** Handles one request; false ends the session on this connection (after LOGOUT). */
    boolean handle(Message message) {
        if (!(message instanceof AuthMessage.Logout)) {
            // A logout, a revocation or a password change on another connection ends this one's session too.
            session = hub.auth().authenticator().recheck(session, source);
        }
        if (session.passwordChangeRequired() && !(message instanceof AuthMessage.PasswordChange || message instanceof ControlMessage.Ping
                || message instanceof AuthMessage.Logout)) {
            throw new PermissionDeniedException(PASSWORD_RESET);
        }
        switch (message) {
            case QueryMessage.Nodes m -> {
                require(Role.VIEWER, m);
                reply(new QueryMessage.NodeList(m.requestId(), NodeListing.of(hub)));
            }
            case QueryMessage.Aggregate m -> {
                require(Role.VIEWER, m);
                reply(NodeListing.aggregate(m.requestId(), hub.registry().aggregate()));
            }
            case QueryMessage.Usage m -> {
                require(Role.VIEWER, m);
                reply(GpuUsage.of(m.requestId(), hub.store().jobs().gpuTimeByOwner(), session));
            }
            case JobMessage.Run m -> {
                require(Role.COMPUTE_USER, m);
                hub.dispatcher().submit(m.spec().toSpec(), session.username(), source, hub.relays().follower(channel, m.requestId()));
            }
            case JobMessage.Submit m -> {
                require(Role.COMPUTE_USER, m);
                jobs().submit(m, channel);
            }
            case JobMessage.Follow m -> {
                require(Role.VIEWER, m);
                jobs().follow(m, channel);
            }
            case JobMessage.Cancel m -> {
                require(Role.COMPUTE_USER, m);
                reply(jobs().cancel(m));
            }
            case JobQueryMessage.Jobs m -> {
                require(Role.VIEWER, m);
                reply(jobs().list(m));
            }
            case JobQueryMessage.Job m -> {
                require(Role.VIEWER, m);
                reply(jobs().detail(m));
            }
            case AdminMessage.UserAdd m -> asAdmin(m, AdminRequests::addUser);
            case AdminMessage.UserList m -> asAdmin(m, AdminRequests::listUsers);
            case AdminMessage.JoinTokenCreate m -> asAdmin(m, AdminRequests::createJoinToken);
            case AdminMessage.SessionRevoke m -> asAdmin(m, AdminRequests::revokeSessions);
            case AdminMessage.UserUnlock m -> asAdmin(m, AdminRequests::unlock);
            case AdminMessage.UserRemove m -> asAdmin(m, AdminRequests::removeUser);
            case AdminMessage.UserRole m -> asAdmin(m, AdminRequests::changeRole);
            case AdminMessage.UserPasswordReset m -> asAdmin(m, AdminRequests::resetPassword);
            case AdminMessage.AlertTest m -> asAdmin(m, AdminRequests::testAlert);
            case AdminMessage.JoinTokenList m -> asAdmin(m, AdminRequests::listJoinTokens);
            case AdminMessage.JoinTokenRevoke m -> asAdmin(m, AdminRequests::revokeJoinToken);
            case AdminMessage.NodeRemove m -> asAdmin(m, AdminRequests::removeNode);
            case AdminMessage.NodeDrain m -> asAdmin(m, AdminRequests::drainNode);
            case AuditMessage.AuditList m -> asAdmin(m, AdminRequests::listAudit);
            case AuditMessage.AuditSearch m -> asAdmin(m, AdminRequests::searchAudit);
            case AuditMessage.AuditVerify m -> asAdmin(m, AdminRequests::verifyAudit);
            case MfaMessage.MfaEnable m -> asAdmin(notOwn(m, m.username()), AdminRequests::enableMfa);
            case MfaMessage.MfaDisable m -> asAdmin(notOwn(m, m.username()), AdminRequests::disableMfa);
            case MfaMessage.MfaSetupOwn m -> reply(ownMfa().setUp(m));
            case MfaMessage.MfaRemoveOwn m -> reply(ownMfa().remove(m));
            case AuthMessage.PasswordChange m -> reply(changePassword(m));
            case ControlMessage.Ping m -> reply(new ControlMessage.Pong(m.requestId()));
            case AuthMessage.Logout m -> {
                hub.auth().authenticator().logout(session.token(), source);
                reply(new ControlMessage.Ok(m.requestId()));
                return false;
            }
            default -> throw new ConversationException(ErrorCode.NOT_ALLOWED, MessageCodec.typeOf(message) + " is not a client request");
        }
        return true;
    }

    private <M extends Message> void asAdmin(M request, BiFunction<AdminRequests, M, Message> answer) {
        require(Role.ADMIN, request);
        reply(answer.apply(new AdminRequests(hub, session.actor(source)), request));
    }

    private void require(Role needed, Message request) {
        if (!session.role().includes(needed)) {
            throw new PermissionDeniedException(MessageCodec.typeOf(request) + " needs the " + needed.wireName()
                    + " role; " + session.username() + " has " + session.role().wireName());
        }
    }

    /**
     * A mistyped current password refuses this request only: the session on this connection goes on (the
     * attempt still counts towards the lock and the source's failed logins, and is audited by the authenticator).
     */
    private Message changePassword(AuthMessage.PasswordChange m) {
        session = new StepUp(hub, source).run(() -> hub.auth().authenticator().changeOwnPassword(session,
                Secret.of(m.currentPassword()), Secret.of(m.newPassword()), source));
        return authOk(m.requestId(), session);
    }

    /** One's own second factor goes through MFA_SETUP_OWN and MFA_REMOVE_OWN, which ask for the password. */
    private <M extends Message> M notOwn(M request, String username) {
        if (username.equals(session.username())) {
            throw new PermissionDeniedException("your own second factor needs your current password: set it up or remove it with"
                    + " `pool mfa setup` / `pool mfa remove` (MFA_SETUP_OWN, MFA_REMOVE_OWN), or on your account page");
        }
        return request;
    }

    private OwnSecondFactor ownMfa() {
        return new OwnSecondFactor(hub, new StepUp(hub, source), session, source);
    }

    private JobRequests jobs() {
        return new JobRequests(hub, session, source);
    }

    private void reply(Message answer) {
        channel.send(answer);
    }
}
