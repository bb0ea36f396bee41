package io.resourcepool.core.hub;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.FrameException;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.BadMessageException;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.HandshakeMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.NodeMessage;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's conversation with the hub: HELLO, then CHALLENGE, then (before authentication) only login
 * or enrolment, then a client's requests or a worker's reports. A breach of the protocol is answered with an
 * ERROR frame and ends this conversation only; a refused request (a role, a missing node) answers that request
 * and the conversation goes on.
 *
 * <p>Before anything else a network connection takes its place among the {@link Strangers}, or is refused
 * "busy" at once; it keeps that place, and its login grace time runs, until it logs in, registers or ends.
 */
final class Conversation {
    private static final Logger log = LoggerFactory.getLogger(Conversation.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MessageChannel channel;
    private final HubServices hub;
    private final String source;
    private final boolean counted;
    private Strangers.Stranger stranger;
    private boolean greeted;
    private String role = "";
    private ClientRequests client;
    private WorkerReports worker;

    /**
     * @param counted whether the connection counts among the unauthenticated ones (network connections do;
     *     the in-process ones of a gateway, which bounds its own, do not)
     */
    Conversation(MessageChannel channel, HubServices hub, boolean counted) {
        this.channel = channel;
        this.hub = hub;
        this.source = channel.connection().remoteAddress();
        this.counted = counted;
    }

    /** Serves the connection until it closes or breaks the protocol. */
    void run() {
        try {
            stranger = counted ? hub.strangers().admit(source, this::graceExpired) : hub.strangers().exempt(this::graceExpired);
        } catch (BusyException e) {
            log.debug("refusing connection from {}: {}", source, e.getMessage());
            sendQuietly(new ControlMessage.Error(0, ErrorCode.BUSY.name(), e.getMessage(), e.retryAfter().toMillis()));
            channel.close();
            return;
        }
        try {
            boolean going = true;
            while (going) {
                going = step();
            }
        } catch (TransportException e) {
            log.debug("connection from {} ended: {}", source, e.getMessage());
        } finally {
            stranger.closed();
            if (worker != null) {
                worker.disconnected();
            }
            channel.close();
        }
    }

    private boolean step() {
        Message message = null;
        try {
            message = channel.receive();
            return handle(message);
        } catch (FrameException e) {
            return refuse(0, ProtocolErrors.codeOf(e), e.getMessage());
        } catch (BadMessageException e) {
            return refuse(0, e.code(), e.getMessage());
        } catch (ConversationException e) {
            return refuse(requestIdOf(message), e.code(), e.getMessage());
        } catch (ProtocolException e) {
            return onProtocolBreach(message, e);
        } catch (TransportException e) {
            throw e;
        } catch (PoolException | IllegalArgumentException e) {
            return answerError(message, e);
        }
    }

    private boolean handle(Message message) {
        if (!greeted) {
            return onHello(message);
        }
        if (client != null && !opensSession(message)) {
            boolean going = client.handle(message);
            if (!going) {
                client = null;
            }
            return true;
        }
        if (worker != null) {
            worker.handle(message);
            return true;
        }
        return onUnauthenticated(message);
    }

    /** A LOGIN, RESUME or REFRESH: served even on a connection that has a session, which it replaces. */
    private static boolean opensSession(Message message) {
        return message instanceof AuthMessage.Login || message instanceof AuthMessage.Resume || message instanceof AuthMessage.Refresh;
    }

    private boolean onHello(Message message) {
        if (!(message instanceof HandshakeMessage.Hello hello)) {
            throw new ConversationException(ErrorCode.NOT_ALLOWED, MessageCodec.typeOf(message) + " before the handshake: send HELLO first");
        }
        if (hello.protocolVersion() != HandshakeMessage.PROTOCOL_VERSION) {
            throw new ConversationException(ErrorCode.UNSUPPORTED_VERSION, "this hub speaks protocol version "
                    + HandshakeMessage.PROTOCOL_VERSION + ", not " + hello.protocolVersion());
        }
        role = hello.role();
        greeted = true;
        channel.send(new HandshakeMessage.Challenge(HandshakeMessage.PROTOCOL_VERSION, nonce(), authMethods()));
        return true;
    }

    private boolean onUnauthenticated(Message message) {
        boolean isWorker = role.equals("worker");
        switch (message) {
            case AuthMessage.Login m when !isWorker -> loggedIn(m.requestId(), hub.limits().login(source,
                    () -> hub.auth().authenticator().login(m.username(), Secret.of(m.password()), Secret.of(m.code()), source)));
            case AuthMessage.Resume m when !isWorker -> loggedIn(m.requestId(), hub.limits().login(source,
                    () -> hub.auth().authenticator().resume(Secret.of(m.token()), source)));
            case AuthMessage.Refresh m when !isWorker -> loggedIn(m.requestId(), hub.limits().login(source,
                    () -> hub.auth().authenticator().refresh(Secret.of(m.refreshToken()), source)));
            case EnrolmentMessage.Enroll m when isWorker -> {
                channel.send(hub.limits().enrolment(source, () -> hub.enrolment().enroll(m, source)));
                return false;
            }
            case NodeMessage.Register m when isWorker -> register(m);
            default -> throw new ConversationException(ErrorCode.AUTH_REQUIRED,
                    MessageCodec.typeOf(message) + " is not allowed before authentication; a " + role
                            + (isWorker ? " must ENROLL or REGISTER first" : " must LOGIN or RESUME first (or REFRESH)"));
        }
        return true;
    }

    private void loggedIn(long requestId, Session session) {
        stranger.authenticated();
        client = new ClientRequests(hub, channel, session, source);
        channel.send(ClientRequests.authOk(requestId, session));
    }

    private void register(NodeMessage.Register request) {
        var certificate = channel.connection().peerCertificate().orElseThrow(() -> new ConversationException(ErrorCode.AUTH_REQUIRED,
                "REGISTER needs the certificate this hub issued at enrolment; connect with it, or ENROLL with a join token"));
        WorkerReports reports = new WorkerReports(hub, channel);
        reports.register(request, certificate);
        stranger.authenticated();
        worker = reports;
    }

    private boolean answerError(Message message, RuntimeException e) {
        long requestId = requestIdOf(message);
        if (e instanceof AuthenticationException && worker == null
                && (client == null || opensSession(message))) {
            if (opensSession(message)) {
                client = null;
                channel.send(AuthMessage.AuthFailed.of(requestId, (AuthenticationException) e));
                return true;
            }
            return refuse(requestId, ErrorCode.AUTH_REQUIRED, e.getMessage());
        }
        if (e instanceof AuthenticationException) {
            client = null;
        }
        ErrorReplies.Reply reply = ErrorReplies.of(e);
        if (reply.code() == ErrorCode.INTERNAL) {
            log.warn("request {} from {} failed", message == null ? "?" : MessageCodec.typeOf(message), source, e);
        }
        channel.send(new ControlMessage.Error(requestId, reply.code().name(), reply.message(), reply.retryAfterMillis()));
        return true;
    }

    private boolean onProtocolBreach(Message message, ProtocolException e) {
        if (worker != null) {
            hub.audit("node:" + worker.nodeName(), "worker.report-refused", "", source, e.getMessage());
            return refuse(requestIdOf(message), ErrorCode.NOT_ALLOWED, e.getMessage());
        }
        return answerError(message, new IllegalArgumentException(e.getMessage(), e));
    }

    private List<String> authMethods() {
        if (role.equals("worker")) {
            return channel.connection().peerCertificate().isPresent() ? List.of("certificate") : List.of("join-token");
        }
        return List.of("password", "session");
    }

    /** Answers with an ERROR and ends the conversation. */
    private boolean refuse(long requestId, ErrorCode code, String text) {
        log.debug("closing connection from {}: {} {}", source, code, text);
        sendQuietly(ControlMessage.Error.of(requestId, code, text));
        return false;
    }

    /** The login grace time ran out first: says so and closes, which ends {@link #run()} on its own thread. */
    private void graceExpired() {
        String text = "no login, registration or enrolment within the login grace time ("
                + hub.strangers().loginGraceTime().toSeconds() + " s); closing the connection";
        refuse(0, ErrorCode.AUTH_REQUIRED, text);
        channel.close();
    }

    private void sendQuietly(ControlMessage.Error error) {
        try {
            channel.send(error);
        } catch (TransportException e) {
            log.trace("could not send the error to {}", source, e);
        }
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static long requestIdOf(Message message) {
        return message instanceof Message.Request r ? r.requestId() : 0;
    }
}
