package io.resourcepool.core.hub;

import io.resourcepool.api.ProtocolException;
import io.resourcepool.core.protocol.ErrorCode;

/** A breach of the conversation's rules: answered with this code, then the connection closes. */
final class ConversationException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    ConversationException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
