package io.resourcepool.core.hub;

import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.protocol.AdminMessage;
import io.resourcepool.core.protocol.AuditMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.MfaMessage;
import java.util.function.BiFunction;

/**
 * Answers a logged-in person's administration requests (users, join tokens, nodes, the audit log, second factors),
 * each checked here: the admin role, and for one's own second factor the current password instead. Both doors call
 * it with the request's record: the binary protocol's {@link ClientRequests} once decoded, and the typed door
 * ({@link HubOperations#admin()}) with no connection or codec in between. The caller has checked the session and
 * that no password reset is pending.
 */
final class AdministrationRequests {
    private final HubServices hub;
    private final Session session;
    private final String source;

    AdministrationRequests(HubServices hub, Session session, String source) {
        this.hub = hub;
        this.session = session;
        this.source = source;
    }

    /**
     * The answer to one administration request.
     *
     * @throws ConversationException with {@link ErrorCode#NOT_ALLOWED} for a message that is no client request
     */
    Message answer(Message request) {
        return switch (request) {
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
            case MfaMessage.MfaSetupOwn m -> ownMfa().setUp(m);
            case MfaMessage.MfaRemoveOwn m -> ownMfa().remove(m);
            default -> throw new ConversationException(ErrorCode.NOT_ALLOWED, MessageCodec.typeOf(request) + " is not a client request");
        };
    }

    private <M extends Message> Message asAdmin(M request, BiFunction<AdminRequests, M, Message> answer) {
        new ClientOperations(hub, session, source).require(Role.ADMIN, MessageCodec.typeOf(request));
        return answer.apply(new AdminRequests(hub, session.actor(source)), request);
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
}
