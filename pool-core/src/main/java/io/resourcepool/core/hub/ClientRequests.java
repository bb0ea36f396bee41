package io.resourcepool.core.hub;

import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.JobQueryMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.QueryMessage;
import java.util.Base64;

/**
 * Serves a logged-in person's requests, each checked against their session in the store (still valid?) and
 * their role as it stands now (allowed?). A refusal answers that request only; the connection stays open. The
 * requests are decoded here and served by {@link ClientOperations} and {@link AdministrationRequests}, which
 * the typed door ({@link HubOperations}) calls as well. A mistyped current password in a password change refuses
 * that request only: the session on this connection goes on.
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
            case AuthMessage.PasswordChange m -> {
                session = operations.changePassword(Secret.of(m.currentPassword()), Secret.of(m.newPassword()));
                reply(authOk(m.requestId(), session));
            }
            case ControlMessage.Ping m -> reply(new ControlMessage.Pong(m.requestId()));
            case AuthMessage.Logout m -> {
                hub.auth().authenticator().logout(session.token(), source);
                reply(new ControlMessage.Ok(m.requestId()));
                return false;
            }
            default -> reply(new AdministrationRequests(hub, session, source).answer(message));
        }
        return true;
    }

    private void reply(Message answer) {
        channel.send(answer);
    }
}
