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
import java.util.Base64;
import java.util.function.BiFunction;

/**
 * Serves a logged-in person's requests, each checked against their session in the store (still valid?) and
 * their role as it stands now (allowed?). A refusal answers that request only; the connection stays open. The
 * pool and job requests are decoded here and served by {@link ClientOperations}, which the typed door
 * ({@link HubOperations}) calls as well.
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
        ClientOperations operations = new ClientOperations(hub, session, source);
        if (!(message instanceof AuthMessage.PasswordChange || message instanceof ControlMessage.Ping || message instanceof AuthMessage.Logout)) {
            operations.requireNoPendingReset();
        }
        switch (message) {
            case QueryMessage.Nodes m -> reply(new QueryMessage.NodeList(m.requestId(), operations.nodes()));
            case QueryMessage.Aggregate m -> reply(NodeListing.aggregate(m.requestId(), operations.aggregate()));
            case QueryMessage.Usage m -> reply(new QueryMessage.UsageResult(m.requestId(), operations.usage()));
            case JobMessage.Run m -> operations.run(m.spec().toSpec(), hub.relays().follower(channel, m.requestId()));
            case JobMessage.Submit m -> operations.submit(m.spec().toSpec(), hub.relays().acceptanceOnly(channel, m.requestId()));
            case JobMessage.Follow m -> operations.follow(m.jobId(), hub.relays().follower(channel, m.requestId()));
            case JobMessage.Cancel m -> {
                operations.cancel(m.jobId());
                reply(new ControlMessage.Ok(m.requestId()));
            }
            case JobQueryMessage.Jobs m -> reply(new JobQueryMessage.JobList(m.requestId(), operations.jobs(m.state(), m.node(), m.owner(), m.limit())));
            case JobQueryMessage.Job m -> {
                ClientOperations.Detail detail = operations.job(m.jobId());
                reply(new JobQueryMessage.JobDetail(m.requestId(), detail.job(), Base64.getEncoder().encodeToString(detail.tail().toByteArray())));
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
        new ClientOperations(hub, session, source).require(needed, MessageCodec.typeOf(request));
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

    private void reply(Message answer) {
        channel.send(answer);
    }
}
