package io.resourcepool.core.hub;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.auth.Actor;
import io.resourcepool.core.auth.IssuedJoinToken;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.protocol.AdminMessage;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.QueryMessage;
import java.time.Duration;

/**
 * Serves a logged-in person's requests, each checked against their session (still valid?) and role (allowed?).
 * A refusal answers that request only; the connection stays open.
 */
final class ClientRequests {
    private final HubServices hub;
    private final MessageChannel channel;
    private final Session session;
    private final String source;

    ClientRequests(HubServices hub, MessageChannel channel, Session session, String source) {
        this.hub = hub;
        this.channel = channel;
        this.session = session;
        this.source = source;
    }

    Session session() {
        return session;
    }

    /** Handles one request; false ends the conversation (after LOGOUT). */
    boolean handle(Message message) {
        if (!hub.clock().instant().isBefore(session.expiresAt())) {
            throw new AuthenticationException("your session expired; log in again");
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
            case JobMessage.Run m -> {
                require(Role.COMPUTE_USER, m);
                hub.dispatcher().submit(m.spec().toSpec(), session.username(), new ClientJobWatcher(channel, m.requestId()));
            }
            case JobMessage.Cancel m -> {
                require(Role.COMPUTE_USER, m);
                reply(cancel(m));
            }
            case AdminMessage.UserAdd m -> {
                require(Role.ADMIN, m);
                reply(addUser(m));
            }
            case AdminMessage.UserList m -> {
                require(Role.ADMIN, m);
                reply(listUsers(m));
            }
            case AdminMessage.JoinTokenCreate m -> {
                require(Role.ADMIN, m);
                reply(createJoinToken(m));
            }
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

    private void require(Role needed, Message request) {
        if (!session.role().includes(needed)) {
            throw new PermissionDeniedException(MessageCodec.typeOf(request) + " needs the " + needed.wireName()
                    + " role; " + session.username() + " has " + session.role().wireName());
        }
    }

    private Message cancel(JobMessage.Cancel m) {
        ActiveJob job = hub.dispatcher().find(parseJob(m.jobId()))
                .orElseThrow(() -> new NotFoundException("job " + m.jobId() + " is not running or waiting on this hub"));
        if (!job.record().owner().equals(session.username()) && session.role() != Role.ADMIN) {
            throw new PermissionDeniedException("job " + m.jobId() + " belongs to another user; only its owner or an admin may cancel it");
        }
        hub.audit(session.username(), "job.cancel-requested", m.jobId(), source, "");
        if (job.phase() == ActiveJob.Phase.WAITING) {
            hub.completion().cancelWaiting(job, session.username());
        } else {
            job.node().flatMap(hub.registry()::find).ifPresent(node -> tell(node, new JobMessage.Cancel(0, m.jobId())));
        }
        return new ControlMessage.Ok(m.requestId());
    }

    /** A worker that went away while being told ends its own conversation, not this one; its jobs are then LOST. */
    private static void tell(LiveNode node, Message message) {
        try {
            node.send(message);
        } catch (TransportException e) {
            node.disconnect();
        }
    }

    private Message addUser(AdminMessage.UserAdd m) {
        Role role = Role.fromWireName(m.role());
        if (!hub.auth().users().createUser(new Actor(session.username(), source), m.username(), role, Secret.of(m.password()))) {
            throw new IllegalArgumentException("user '" + m.username() + "' already exists");
        }
        return new ControlMessage.Ok(m.requestId());
    }

    private Message listUsers(AdminMessage.UserList m) {
        var now = hub.clock().instant();
        return new AdminMessage.UserListResult(m.requestId(), hub.auth().users().listUsers().stream()
                .map(u -> new AdminMessage.WireUser(u.username(), u.role().wireName(),
                        u.lockedUntil().map(now::isBefore).orElse(false), u.createdAt().toEpochMilli()))
                .toList());
    }

    private Message createJoinToken(AdminMessage.JoinTokenCreate m) {
        String fingerprint = hub.enrolment().caFingerprint()
                .orElseThrow(() -> new PermissionDeniedException("this hub has no certificate authority, so it cannot enroll machines"));
        IssuedJoinToken issued = hub.auth().joinTokens().create(new Actor(session.username(), source), Duration.ofMillis(m.ttlMillis()));
        return new AdminMessage.JoinTokenCreated(m.requestId(), issued.record().id(), issued.token().reveal(),
                issued.record().expiresAt().toEpochMilli(), fingerprint);
    }

    private void reply(Message answer) {
        channel.send(answer);
    }

    private static JobId parseJob(String id) {
        try {
            return JobId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("job " + id + " does not exist: " + e.getMessage());
        }
    }
}
