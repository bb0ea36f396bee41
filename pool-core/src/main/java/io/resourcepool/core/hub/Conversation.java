package io.resourcepool.core.hub;

import io.resourcepool.api.FrameException;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.BadMessageException;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.HandshakeMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.MessageCodec;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's conversation with the hub: HELLO, then CHALLENGE, then (before authentication) only login
 * or enrolment. A protocol error is answered with an ERROR frame and ends the conversation; it never
 * affects any other connection.
 */
final class Conversation {
    private static final Logger log = LoggerFactory.getLogger(Conversation.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Stage { AWAITING_HELLO, AWAITING_AUTH, AUTHENTICATED }

    private final MessageChannel channel;
    private Stage stage = Stage.AWAITING_HELLO;
    private String role = "";

    Conversation(MessageChannel channel) {
        this.channel = channel;
    }

    /** Serves the connection until it closes or breaks the protocol. */
    void run() {
        try {
            while (true) {
                Message message;
                try {
                    message = channel.receive();
                } catch (FrameException e) {
                    refuse(0, ProtocolErrors.codeOf(e), e.getMessage());
                    return;
                } catch (BadMessageException e) {
                    refuse(0, e.code(), e.getMessage());
                    return;
                }
                if (!handle(message)) {
                    return;
                }
            }
        } catch (TransportException e) {
            log.debug("connection from {} ended: {}", channel.connection().remoteAddress(), e.getMessage());
        }
    }

    Stage stage() {
        return stage;
    }

    /** Handles one message; false ends the conversation. */
    private boolean handle(Message message) {
        return switch (stage) {
            case AWAITING_HELLO -> onHello(message);
            case AWAITING_AUTH -> onUnauthenticated(message);
            case AUTHENTICATED -> refuse(requestIdOf(message), ErrorCode.NOT_ALLOWED, "not supported yet");
        };
    }

    private boolean onHello(Message message) {
        if (!(message instanceof HandshakeMessage.Hello hello)) {
            return refuse(requestIdOf(message), ErrorCode.NOT_ALLOWED,
                    MessageCodec.typeOf(message) + " before the handshake: send HELLO first");
        }
        if (hello.protocolVersion() != HandshakeMessage.PROTOCOL_VERSION) {
            return refuse(0, ErrorCode.UNSUPPORTED_VERSION, "this hub speaks protocol version "
                    + HandshakeMessage.PROTOCOL_VERSION + ", not " + hello.protocolVersion());
        }
        role = hello.role();
        stage = Stage.AWAITING_AUTH;
        channel.send(new HandshakeMessage.Challenge(HandshakeMessage.PROTOCOL_VERSION, nonce(), authMethods()));
        return true;
    }

    private boolean onUnauthenticated(Message message) {
        return switch (message) {
            case AuthMessage.Login m -> refuse(m.requestId(), ErrorCode.NOT_ALLOWED, "password login is not configured on this hub");
            case AuthMessage.Resume m -> refuse(m.requestId(), ErrorCode.NOT_ALLOWED, "sessions are not configured on this hub");
            case EnrolmentMessage.Enroll m -> refuse(m.requestId(), ErrorCode.NOT_ALLOWED, "enrolment is not configured on this hub");
            default -> refuse(requestIdOf(message), ErrorCode.AUTH_REQUIRED,
                    MessageCodec.typeOf(message) + " needs authentication: log in (or enroll) first");
        };
    }

    private List<String> authMethods() {
        if (role.equals("worker")) {
            return channel.connection().peerCertificate().isPresent() ? List.of("certificate") : List.of("join-token");
        }
        return List.of("password", "session");
    }

    /** Answers with an ERROR and closes the connection. */
    private boolean refuse(long requestId, ErrorCode code, String text) {
        log.debug("closing connection from {}: {} {}", channel.connection().remoteAddress(), code, text);
        try {
            channel.send(ControlMessage.Error.of(requestId, code, text));
        } catch (TransportException e) {
            log.trace("could not send the error to {}", channel.connection().remoteAddress(), e);
        }
        channel.close();
        return false;
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
