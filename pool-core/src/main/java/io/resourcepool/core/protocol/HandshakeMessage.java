package io.resourcepool.core.protocol;

import io.resourcepool.api.ProtocolException;
import java.util.List;

/** The first exchange on every connection: HELLO from the peer, CHALLENGE from the hub. */
public sealed interface HandshakeMessage extends Message {

    /** The protocol version this code speaks. */
    int PROTOCOL_VERSION = 1;

    /**
     * Opens a conversation.
     *
     * @param protocolVersion the version the peer speaks
     * @param role {@code client} or {@code worker}
     * @param software the peer's name and version, for logs
     */
    record Hello(int protocolVersion, String role, String software) implements HandshakeMessage {
        /** Checks the fields. */
        public Hello {
            WireLimits.text(role, "role", WireLimits.NAME_CHARS);
            if (!role.equals("client") && !role.equals("worker")) {
                throw new ProtocolException("role must be client or worker, was '" + role + "'");
            }
            WireLimits.text(software, "software", WireLimits.SHORT_TEXT_CHARS);
        }
    }

    /**
     * The hub's answer to HELLO.
     *
     * @param protocolVersion the version the hub will speak
     * @param nonce fresh random bytes in base64, binding later proofs to this connection
     * @param authMethods what the peer may do next: {@code password}, {@code session}, {@code join-token},
     *     {@code certificate}
     */
    record Challenge(int protocolVersion, String nonce, List<String> authMethods) implements HandshakeMessage {
        /** Checks the fields. */
        public Challenge {
            WireLimits.text(nonce, "nonce", WireLimits.SHORT_TEXT_CHARS);
            authMethods = WireLimits.list(authMethods, "authMethods");
        }
    }
}
