package io.resourcepool.core.protocol;

/**
 * Every message of the protocol. The families are sealed too, so a {@code switch} over a message with no
 * {@code default} stops compiling when a message is added and not handled.
 */
public sealed interface Message
        permits HandshakeMessage, AuthMessage, EnrolmentMessage, NodeMessage, JobMessage, JobQueryMessage, QueryMessage, AdminMessage,
                MfaMessage, AuditMessage, ControlMessage {

    /**
     * A message that asks for an answer; the answer carries the same id, so one connection carries many
     * requests at once.
     */
    interface Request {
        /**
         * The id the answer will carry, chosen by the sender.
         *
         * @return a positive number
         */
        long requestId();
    }
}
